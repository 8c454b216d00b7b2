import Foundation

/// The outside programs some tests check outputs with — a Python that imports `jsonschema`
/// and `icalendar`, headless Chromium — as `scripts/install-deps.sh` recorded them in
/// `.build/checkers.env`.
///
/// Without that record (the dependencies were never installed), each checker is looked up
/// (`python3` on `PATH`, then Debian's `/usr/bin/python3`; `chromium` on `PATH`) and a test
/// whose checker is missing is skipped with a message. With it, a recorded checker that cannot
/// be found fails the test: what was meant to be installed must be there.
public enum Checkers {
    /// `NAME=value` lines of `.build/checkers.env`, empty when the file does not exist.
    public static let recorded: [String: String] = {
        guard let text = try? String(contentsOfFile: Paths.repository + "/.build/checkers.env", encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let value = String(line[line.index(after: equals)...])
            if !value.isEmpty { values[String(line[..<equals])] = value }
        }
        return values
    }()

    /// Whether `scripts/install-deps.sh` has run on this checkout (so checkers must be present).
    public static var wereInstalled: Bool { !recorded.isEmpty }

    /// A Python interpreter that imports every module named, or nil.
    public static func python(importing modules: [String]) -> String? {
        let candidates = [recorded["PYTHON"], onPath("python3"), "/usr/bin/python3"].compactMap { $0 }
        var seen = Set<String>()
        return candidates.first { candidate in
            seen.insert(candidate).inserted && imports(candidate, modules)
        }
    }

    /// Headless Chromium: as recorded, else `chromium` (or `chromium-browser`) on `PATH`.
    public static let chromium: String? = {
        if let recorded = recorded["CHROMIUM"] { return FileManager.default.isExecutableFile(atPath: recorded) ? recorded : nil }
        return onPath("chromium") ?? onPath("chromium-browser")
    }()

    /// A converter program (`soffice`, `pdftotext`): as recorded, else on `PATH`.
    public static func program(_ name: String, recordedAs key: String) -> String? {
        if let recorded = recorded[key] { return FileManager.default.isExecutableFile(atPath: recorded) ? recorded : nil }
        return onPath(name)
    }

    /// Why a test of a checker is skipped, or nil when it runs: it runs when the checker is
    /// there, and also when the dependencies were installed (then a missing checker fails it).
    public static func skipReason(_ available: Bool, missing: String) -> String? {
        available || wereInstalled ? nil : "\(missing) is missing: run scripts/install-deps.sh"
    }

    /// The first executable called `name` in the directories of `PATH`, as `command -v` finds it.
    public static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func imports(_ python: String, _ modules: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import " + modules.joined(separator: ", ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
