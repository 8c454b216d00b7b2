import Foundation
import GongwenExport

/// Regression checks against saved pages: each page is extracted again and compared, field by
/// field, with the output expected of it.
///
/// Where the expectations are:
/// - `page.html` (or `.htm`, `.txt`) with `page.expected.json` beside it;
/// - a folder: every `*.expected.json` below it, or, when the folder holds `verify.json`, the
///   cases that manifest lists: `{"cases": [{"input": "seed.txt", "expected": "expected/seed.txt.json"}]}`
///   (paths relative to the folder).
public struct Verifier: Sendable {
    /// One saved page and its expectation.
    public struct Case: Sendable, Equatable {
        public var input: String
        public var expected: String
    }

    /// The outcome for one case.
    public struct Outcome: Sendable {
        public var testCase: Case
        public var diff: NoticeDiff?
        /// The page or the expectation could not be read.
        public var error: String?
        /// The fresh output, for `--update`.
        public var output: [UInt8]?

        public var matched: Bool { error == nil && diff?.isEmpty == true }
    }

    public static let manifestName = "verify.json"
    public static let expectationSuffix = ".expected.json"
    static let pageExtensions = ["html", "htm", "shtml", "txt"]

    public var extractor: NoticeExtractor
    public var ignoring: Set<String>

    public init(extractor: NoticeExtractor = NoticeExtractor(), ignoring: Set<String> = []) {
        self.extractor = extractor
        self.ignoring = ignoring
    }

    /// The cases named by paths (files or folders), in a stable order.
    ///
    /// - Throws: `VerifyError` for a path that names no case.
    public static func cases(for paths: [String]) throws(VerifyError) -> [Case] {
        var result: [Case] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .noSuchPath(path)
            }
            if isDirectory.boolValue {
                result += try folderCases(path)
            } else if path.hasSuffix(expectationSuffix) {
                let stem = String(path.dropLast(expectationSuffix.count))
                guard let page = pageExtensions.map({ stem + "." + $0 }).first(where: FileManager.default.fileExists) else {
                    throw .noPage(expectation: path)
                }
                result.append(Case(input: page, expected: path))
            } else {
                let stem = (path as NSString).deletingPathExtension
                let expected = stem + expectationSuffix
                guard FileManager.default.fileExists(atPath: expected) else { throw .noExpectation(page: path) }
                result.append(Case(input: path, expected: expected))
            }
        }
        return result
    }

    private static func folderCases(_ folder: String) throws(VerifyError) -> [Case] {
        let manifest = folder + "/" + manifestName
        if FileManager.default.fileExists(atPath: manifest) {
            guard let data = FileManager.default.contents(atPath: manifest),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let entries = object["cases"] as? [[String: String]]
            else { throw .badManifest(manifest) }
            return try entries.map { entry throws(VerifyError) in
                guard let input = entry["input"], let expected = entry["expected"] else { throw .badManifest(manifest) }
                return Case(input: join(folder, input), expected: join(folder, expected))
            }
        }
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(expectationSuffix) }.sorted()
        guard !files.isEmpty else { throw .noCases(folder) }
        return try cases(for: files.map { join(folder, $0) })
    }

    private static func join(_ folder: String, _ path: String) -> String {
        path.hasPrefix("/") ? path : (folder.hasSuffix("/") ? folder + path : folder + "/" + path)
    }

    /// Extracts the page again and compares it with the expectation.
    public func verify(_ testCase: Case) -> Outcome {
        let output: [UInt8]
        do {
            output = try JSONExporter.document(try extractor.extract(contentsOf: testCase.input))
        } catch let error as ExtractionError {
            return Outcome(testCase: testCase, error: error.description)
        } catch {
            return Outcome(testCase: testCase, error: "\(testCase.input): \(error)")
        }
        guard let expectedBytes = FileManager.default.contents(atPath: testCase.expected) else {
            return Outcome(testCase: testCase, diff: nil, error: "\(testCase.expected): cannot read the expectation", output: output)
        }
        do {
            let expected = try JSONImporter.document(Array(expectedBytes))
            let actual = try JSONImporter.document(output)
            return Outcome(testCase: testCase, diff: NoticeDiff(expected, actual, ignoring: ignoring), output: output)
        } catch {
            return Outcome(testCase: testCase, diff: nil, error: "\(testCase.expected): \(error.description)", output: output)
        }
    }
}

/// Why `gongwen verify` found nothing to check.
public enum VerifyError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchPath(String)
    case noExpectation(page: String)
    case noPage(expectation: String)
    case noCases(String)
    case badManifest(String)

    public var description: String {
        switch self {
        case .noSuchPath(let path): "\(path): no such file or folder"
        case .noExpectation(let page):
            "\(page): no expectation beside it (\((page as NSString).deletingPathExtension)\(Verifier.expectationSuffix))"
        case .noPage(let expectation): "\(expectation): no saved page beside it (.html, .htm, .shtml or .txt)"
        case .noCases(let folder): "\(folder): no *\(Verifier.expectationSuffix) files and no \(Verifier.manifestName)"
        case .badManifest(let path): "\(path): not a manifest ({\"cases\": [{\"input\": …, \"expected\": …}]})"
        }
    }
}
