import Foundation

/// Where the repository's samples and the shared corpus are on disk.
public enum Paths {
    /// The repository root, found from this file's location (works on any clone).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func sample(_ name: String) -> String { repository + "/samples/" + name }

    /// `../shared/corpus` beside the repository, or nil when this machine has none — tests
    /// that need it skip with a message.
    public static let corpus: String? = {
        let path = (repository as NSString).deletingLastPathComponent + "/shared/corpus"
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
    }()

    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
