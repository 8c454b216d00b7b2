import Foundation

/// Databases for the store's tests: a fresh SQLite file, or a fresh database on a PostgreSQL
/// server.
///
/// The server is the one `GONGWEN_TEST_POSTGRES` names (a URL), else the throw-away cluster
/// `scripts/pg-test-server.sh start` starts on loopback (reused when running). Where neither
/// can be had, `postgresSkipReason` says why and the PostgreSQL tests are skipped with it —
/// unless install-deps recorded a PostgreSQL (`.build/checkers.env`), where a missing server fails.
public enum TestDatabases {
    public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
        case sqlite
        case postgres
        public var description: String { rawValue }
    }

    /// The server's URL (its `postgres` database), or why there is none.
    public static let postgresServer: Result<String, ServerMissing> = {
        if let url = ProcessInfo.processInfo.environment["GONGWEN_TEST_POSTGRES"], !url.isEmpty { return .success(url) }
        return serverScript("start")
    }()

    /// Runs `scripts/pg-test-server.sh ACTION` (for the cluster on `port`, else the default
    /// one): the URL it prints, or why it failed.
    public static func serverScript(_ action: String, port: Int? = nil) -> Result<String, ServerMissing> {
        let script = Paths.repository + "/scripts/pg-test-server.sh"
        // Its output goes to files, not pipes: the server it starts lives on, and must not
        // hold a pipe this process would wait on for its end.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-pg-start-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("out")
        let errorFile = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, action]
        if let port {
            process.environment = ProcessInfo.processInfo.environment.merging(["GONGWEN_PG_PORT": String(port)]) { $1 }
        }
        process.standardInput = FileHandle.nullDevice
        do {
            process.standardOutput = try FileHandle(forWritingTo: outputFile)
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
        } catch {
            return .failure(ServerMissing(reason: "cannot run \(script): \(error)"))
        }
        process.waitUntilExit()
        let url = ((try? String(contentsOf: outputFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0, action != "start" || url.hasPrefix("postgres://") else {
            return .failure(
                ServerMissing(
                    reason:
                        "no PostgreSQL server could be \(action == "start" ? "started" : "stopped") (\(message.trimmingCharacters(in: .whitespacesAndNewlines)))"
                ))
        }
        return .success(url)
    }

    public struct ServerMissing: Error, Sendable {
        public var reason: String
    }

    /// Why the PostgreSQL tests are skipped, or nil when they run (also when install-deps
    /// recorded a PostgreSQL, or CI names a server: then a missing one fails them).
    public static var postgresSkipReason: String? {
        guard case .failure(let missing) = postgresServer else { return nil }
        let promised = Checkers.recorded["POSTGRES"] != nil || ProcessInfo.processInfo.environment["GONGWEN_TEST_POSTGRES"] != nil
        return promised ? nil : missing.reason
    }

    /// A database no other test uses: a new SQLite file in a new folder, or a new database
    /// on the server. Returns its location (a path or a URL).
    public static func fresh(_ backend: Backend) throws -> String {
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder.appendingPathComponent("tasks.sqlite").path
        case .postgres:
            let server = try postgresServer.get()
            let name = "gongwen_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try psql(server, "CREATE DATABASE \(name)")
            guard let slash = server.range(of: "/", options: .backwards) else { throw ServerMissing(reason: "bad URL \(server)") }
            return server[..<slash.lowerBound] + "/" + name
        }
    }

    /// Runs one statement with `psql` (Debian's postgresql-client).
    public static func psql(_ url: String, _ statement: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ServerMissing(reason: "psql: \(message)") }
    }
}
