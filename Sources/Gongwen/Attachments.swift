import Foundation
import GongwenHTML

/// A file found for a page's attachment link.
public struct AttachmentFile: Sendable {
    /// Where it was found: a path beside the page, or a URL.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

extension NoticeExtractor {
    /// Reads a page together with the files it links as attachments (`附件：1.重点任务分工表.docx`).
    ///
    /// Each link the page has to an office or PDF file is given to `find`; each file found is
    /// read (DOCX, XLSX, HTML or text; legacy formats and PDF through a converter when one is
    /// installed) and becomes the notice's `附件N` part, N from the link's text (`附件2`, `2.`) or
    /// its place among the links. Its tasks then carry that part in their section path and
    /// their ids, as if the page had printed the table itself. `source.attachments` lists every
    /// link with what became of it; an attachment that is missing or cannot be read is said
    /// there and in a warning, and the page's own tasks are still read.
    ///
    /// - Parameter find: The file a link points to, or nil when it is not among the inputs.
    public func extract(
        bytes: [UInt8], path: String, charsetHint: String? = nil, sha256: String? = nil,
        attachments find: (AttachmentLink) -> AttachmentFile?
    ) throws(ExtractionError) -> Extraction {
        var read = try readBlocks(bytes: bytes, path: path, charsetHint: charsetHint, sha256: sha256)
        var files: [AttachedFile] = []
        var used = Set<Int>()
        for (index, link) in read.hints.attachmentLinks.enumerated() {
            var number = AttachmentNumbering.number(of: link.text) ?? AttachmentNumbering.number(of: link.href) ?? index + 1
            while used.contains(number) { number += 1 }
            used.insert(number)
            let format = AttachmentLink.attachmentExtension(of: link.href) ?? "unknown"
            guard let file = find(link) else {
                files.append(AttachedFile(number: number, path: link.href, sha256: nil, format: format, status: .missing))
                read.diagnostics.append(
                    Diagnostic(
                        .info, .blocks, code: "attachment-missing",
                        "附件\(number) (\(link.text.isEmpty ? link.href : link.text)): \(link.href) is not among the inputs"))
                continue
            }
            let digest = SHA256Digest.hex(file.bytes)
            do {
                let attached = try readBlocks(bytes: file.bytes, path: file.path, sha256: digest)
                files.append(
                    AttachedFile(
                        number: number, path: file.path, sha256: digest, format: attached.source.format.rawValue, status: .read))
                read.blocks += AttachmentNumbering.part(attached.blocks, number: number, title: link.text, file: file.path)
                read.diagnostics += attached.diagnostics.map { diagnostic in
                    var said = diagnostic
                    said.message = "附件\(number) (\(file.path)): " + diagnostic.message
                    return said
                }
            } catch {
                files.append(
                    AttachedFile(
                        number: number, path: file.path, sha256: digest, format: format, status: .failed, problem: error.description))
                read.diagnostics.append(Diagnostic(.warning, .blocks, code: "attachment-unreadable", "附件\(number): \(error.description)"))
            }
        }
        var notice = NoticeAnalyzer.analyze(read.blocks, hints: read.hints, accountingCues: options.accountingCues)
        notice.diagnostics = read.diagnostics + notice.diagnostics
        var source = read.source
        source.attachments = files
        return Extraction(source: source, notice: notice)
    }
}

/// Numbers of attachments and the part an attachment's blocks become.
enum AttachmentNumbering {
    /// `附件2：…`, `附件 2`, `2.重点任务分工表.docx`, `附件二`: the number a link or file name gives.
    static func number(of text: String) -> Int? {
        let name = (text.removingPercentEncoding ?? text).split(separator: "/").last.map(String.init) ?? text
        let compact = name.compactFolded
        if let range = compact.range(of: "附件") {
            let rest = compact[range.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if let value = Int(digits), value > 0 { return value }
            if let first = rest.first, let value = "一二三四五六七八九".firstIndex(of: first) {
                return "一二三四五六七八九".distance(from: "一二三四五六七八九".startIndex, to: value) + 1
            }
        }
        let leading = compact.prefix { $0.isASCII && $0.isNumber }
        if let value = Int(leading), value > 0, value < 100, compact.dropFirst(leading.count).first.map({ ".、-_:".contains($0) }) == true {
            return value
        }
        return nil
    }

    /// The attachment's blocks as the notice's `附件N` part: a file that does not open with its
    /// own `附件N` line gets one (and the link's text as its title when the file has no title
    /// line of its own before a table). Locations name the file.
    static func part(_ blocks: [Block], number: Int, title: String, file: String) -> [Block] {
        var located = blocks.map { block -> Block in
            var block = block
            block.source.path = file + (block.source.path.map { "#" + $0 } ?? "")
            if var table = block.table {
                table.rows = table.rows.map { row in
                    row.map { cell in
                        var cell = cell
                        cell.source.path = file + (cell.source.path.map { "#" + $0 } ?? "")
                        return cell
                    }
                }
                block.table = table
            }
            return block
        }
        let opensWithHeading = located.prefix(3).contains { block in
            block.kind != .table && block.text.compactFolded.hasPrefix("附件\(number)")
        }
        if !opensWithHeading {
            let source = SourceLocation(line: 0, path: file)
            var heading = [Block(.line, text: "附件\(number)", source: source)]
            let cleanTitle = cleaned(title)
            if let first = located.first, first.kind == .table, !cleanTitle.isEmpty {
                heading.append(Block(.line, text: cleanTitle, source: source))
            }
            located.insert(contentsOf: heading, at: 0)
        }
        return located
    }

    /// A link's text as a title: without `附件N：`, a leading number and the file extension.
    static func cleaned(_ text: String) -> String {
        var title = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let dot = title.lastIndex(of: "."), AttachmentLink.extensions.contains(title[title.index(after: dot)...].lowercased()) {
            title = String(title[..<dot])
        }
        if let range = title.range(of: #"^附件\s*[0-9一二三四五六七八九]*\s*[:：.、]?\s*"#, options: .regularExpression) {
            title.removeSubrange(range)
        }
        if let range = title.range(of: #"^[0-9]{1,2}\s*[.．、]\s*"#, options: .regularExpression) { title.removeSubrange(range) }
        return title
    }
}

/// Finds a link's file among the files saved beside its page.
///
/// Tries, in order: the `href` relative to the page's folder; under the page's `attachments/`
/// folder (the `href`'s path, then its file name); the file name in the page's folder; a
/// `links.tsv` beside the page (`href<TAB>saved path` per line); the file name, or the link's
/// text as a file name, in an extra folder given by the user (`--attachments DIR`).
public struct AttachmentFinder: Sendable {
    public var pagePath: String
    public var extraFolder: String?
    public var maximumBytes: Int

    public init(pagePath: String, extraFolder: String? = nil, maximumBytes: Int = ExtractionOptions.defaultMaximumBytes) {
        self.pagePath = pagePath
        self.extraFolder = extraFolder
        self.maximumBytes = maximumBytes
    }

    /// The candidate paths for a link, in the order they are tried.
    public func candidates(_ link: AttachmentLink) -> [String] {
        let folder = (pagePath as NSString).deletingLastPathComponent
        var href = link.href
        if let cut = href.firstIndex(where: { $0 == "?" || $0 == "#" }) { href = String(href[..<cut]) }
        // A full URL: its path is what may have been saved.
        if let url = URL(string: href), url.scheme != nil { href = url.path }
        href = href.removingPercentEncoding ?? href
        let relative = href.split(separator: "/").filter { $0 != ".." && $0 != "." && !$0.isEmpty }.joined(separator: "/")
        let name = (href as NSString).lastPathComponent
        func join(_ base: String, _ rest: String) -> String { base.isEmpty ? rest : base + "/" + rest }
        var paths: [String] = []
        if !href.hasPrefix("/") { paths.append(join(folder, relative)) }
        paths += [join(folder, "attachments/" + relative), join(folder, "attachments/" + name), join(folder, name)]
        if let listed = listedPath(link.href, in: folder) { paths.append(listed) }
        if let extraFolder {
            paths.append(join(extraFolder, name))
            let cleaned = link.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !cleaned.isEmpty { paths.append(join(extraFolder, cleaned)) }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    public func find(_ link: AttachmentLink) -> AttachmentFile? {
        for path in candidates(link) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let bytes = try? FileReader.read(path, limit: maximumBytes)
            else { continue }
            return AttachmentFile(path: path, bytes: bytes)
        }
        return nil
    }

    /// `links.tsv` beside the page: the saved path of an `href`.
    private func listedPath(_ href: String, in folder: String) -> String? {
        let list = (folder.isEmpty ? "" : folder + "/") + "links.tsv"
        guard let text = try? String(contentsOfFile: list, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, fields[0] == href else { continue }
            let saved = String(fields[1]).trimmingCharacters(in: .whitespaces)
            return saved.hasPrefix("/") ? saved : (folder.isEmpty ? saved : folder + "/" + saved)
        }
        return nil
    }
}

/// The office and PDF files of the web archives in a batch, found by URL for the pages that
/// link them.
///
/// A page record's link (`<a href="../files/P020170915.docx">`) is resolved against the page's
/// own URL (`WARC-Target-URI`) and looked up among the archive's document records by that URL,
/// its fragment left out. Each one a page reads is that page's attachment; one no page links
/// is a notice of its own.
struct ArchivedAttachments: Sendable {
    private(set) var inputs: [(BatchInput, WARCReader.Record?)] = []
    private var records: [String: WARCReader.Record] = [:]
    /// The batch inputs of the records, by URL (what a page's `source.attachments` names).
    private(set) var inputsByURL: [String: BatchInput] = [:]

    init(_ documents: [(BatchInput, WARCReader.Record)]) {
        for (input, record) in documents {
            inputs.append((input, record))
            guard let uri = record.targetURI else { continue }
            let key = Self.key(uri)
            if records[key] == nil {
                records[key] = record
                inputsByURL[key] = input
            }
        }
    }

    /// A URL as it is looked up: without its fragment.
    static func key(_ url: String) -> String {
        url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url
    }

    func record(at url: String) -> WARCReader.Record? { records[Self.key(url)] }

    func isURL(_ path: String) -> Bool { path.hasPrefix("http://") || path.hasPrefix("https://") }

    /// The archived file a page's link points to.
    func find(_ link: AttachmentLink, linkedFrom page: String?) -> AttachmentFile? {
        guard !records.isEmpty, let base = page.flatMap({ URL(string: $0) }),
            let resolved = URL(string: link.href.trimmingCharacters(in: .whitespaces), relativeTo: base)?.absoluteURL
        else { return nil }
        let key = Self.key(resolved.absoluteString)
        guard let record = records[key] else { return nil }
        return AttachmentFile(path: key, bytes: record.payload)
    }
}
