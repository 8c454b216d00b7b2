import GongwenCore

/// The JSON document written for one input: the shape `Schemas/gongwen-notice.schema.json`
/// describes, field for field.
///
/// Kept separate from the domain model so that the model can change without changing the
/// output; every change here bumps `schemaVersion` and gets a CHANGELOG entry.
public struct OutputDocument: Sendable, Equatable, Decodable {
    /// Semantic version of this output shape.
    public static let currentSchemaVersion = "1.5.0"

    /// The tool that wrote the document (`gongwen 0.1.0`): a batch rerun redoes outputs whose
    /// generator differs.
    public static let currentGenerator = "gongwen " + GongwenVersion.current

    public var schemaVersion: String
    public var generator: String
    /// SHA-256 of the notice's normalised content (title, task texts, units, deadlines; white
    /// space and full-width forms folded): the same notice saved twice — another encoding,
    /// another template — has the same fingerprint.
    public var contentFingerprint: String
    public var source: SourceInfo
    public var workYear: Int?
    public var metadata: Metadata
    public var outline: [OutlinePart]
    public var tasks: [Task]
    public var diagnostics: [Diagnostic]

    public struct Metadata: Sendable, Equatable, Decodable {
        public var title: String?
        public var documentNumber: String?
        public var issuer: String?
        public var addressees: [String]
        public var signedOn: CalendarDate?
        public var publishedOn: CalendarDate?
        public var attachments: [NoticeMetadata.Attachment]
        public var disclosure: [DisclosureField]

        private enum CodingKeys: String, CodingKey {
            case title, documentNumber, issuer, addressees, signedOn, publishedOn, attachments, disclosure
        }

        public init(
            title: String?, documentNumber: String?, issuer: String?, addressees: [String] = [], signedOn: CalendarDate?,
            publishedOn: CalendarDate?, attachments: [NoticeMetadata.Attachment] = [], disclosure: [DisclosureField] = []
        ) {
            self.title = title
            self.documentNumber = documentNumber
            self.issuer = issuer
            self.addressees = addressees
            self.signedOn = signedOn
            self.publishedOn = publishedOn
            self.attachments = attachments
            self.disclosure = disclosure
        }

        init(_ metadata: NoticeMetadata) {
            self.init(
                title: metadata.title, documentNumber: metadata.documentNumber, issuer: metadata.issuer,
                addressees: metadata.addressees, signedOn: metadata.signedOn, publishedOn: metadata.publishedOn,
                attachments: metadata.attachments, disclosure: metadata.disclosure)
        }

    }

    public struct OutlinePart: Sendable, Equatable, Decodable {
        /// 0 for the main text, N for 附件N.
        public var attachment: Int
        public var title: String
        public var line: Int
        public var sections: [OutlineSection]
    }

    public struct OutlineSection: Sendable, Equatable, Decodable {
        public var marker: String
        public var style: MarkerStyle
        public var value: Int
        public var level: Int
        public var title: String
        public var line: Int
        public var children: [OutlineSection]

        init(_ section: Section) {
            marker = section.marker?.printed ?? ""
            style = section.marker?.style ?? .chineseComma
            value = section.marker?.value ?? 0
            level = section.level
            title = section.title
            line = section.source.line
            children = section.children.map(OutlineSection.init)
        }
    }

    public struct Task: Sendable, Equatable, Decodable {
        /// Stable across saves of the same notice (see `TaskIdentity`); nil only in documents
        /// written before schema 1.3.
        public var id: String?
        /// Position in the document's task list, from 1.
        public var index: Int
        public var number: String?
        public var sectionPath: [String]
        public var text: String
        public var units: [Unit]
        public var deadline: Deadline?
        public var layout: WorkTask.Layout
        public var source: SourceLocation

        private enum CodingKeys: String, CodingKey {
            case id, index, number, sectionPath, text, units, deadline, layout, source
        }

        public init(
            id: String?, index: Int, number: String?, sectionPath: [String], text: String, units: [Unit], deadline: Deadline?,
            layout: WorkTask.Layout, source: SourceLocation
        ) {
            self.id = id
            self.index = index
            self.number = number
            self.sectionPath = sectionPath
            self.text = text
            self.units = units
            self.deadline = deadline
            self.layout = layout
            self.source = source
        }

    }

    public struct Unit: Sendable, Equatable, Decodable {
        public var name: String
        public var role: Role
        /// The printed list ended in `等` / `等相关部门`.
        public var openList: Bool
        /// The unit a gazetteer names for the printed name; absent when no gazetteer was
        /// applied or it does not know the name.
        public var canonical: UnitGazetteer.Unit?

        public init(name: String, role: Role, openList: Bool = false, canonical: UnitGazetteer.Unit? = nil) {
            self.name = name
            self.role = role
            self.openList = openList
            self.canonical = canonical
        }
    }

    /// A document assembled from stored parts (a tracker's database keeps the metadata and
    /// tasks of a notice's latest version, not its outline or diagnostics).
    public init(
        generator: String = OutputDocument.currentGenerator, contentFingerprint: String, source: SourceInfo, workYear: Int?,
        metadata: Metadata, tasks: [Task]
    ) {
        schemaVersion = Self.currentSchemaVersion
        self.generator = generator
        self.contentFingerprint = contentFingerprint
        self.source = source
        self.workYear = workYear
        self.metadata = metadata
        outline = []
        self.tasks = tasks
        diagnostics = []
    }

    /// The same document with every unit's canonical unit looked up in `gazetteer`; with nil,
    /// without canonical units (as written without a gazetteer).
    public func applying(_ gazetteer: UnitGazetteer?) -> OutputDocument {
        var copy = self
        for t in copy.tasks.indices {
            for u in copy.tasks[t].units.indices {
                // The output names the canonical unit; its aliases stay in the gazetteer.
                copy.tasks[t].units[u].canonical = gazetteer?.canonical(for: copy.tasks[t].units[u].name).map {
                    UnitGazetteer.Unit(id: $0.id, name: $0.name, parent: $0.parent)
                }
            }
        }
        return copy
    }

    /// The output for an extraction.
    public init(_ extraction: Extraction) {
        schemaVersion = Self.currentSchemaVersion
        generator = Self.currentGenerator
        source = extraction.source
        workYear = extraction.notice.workYear
        metadata = Metadata(extraction.notice.metadata)
        outline = extraction.notice.parts.map { part in
            OutlinePart(
                attachment: part.attachmentNumber, title: part.title, line: part.source.line,
                sections: part.sections.map(OutlineSection.init))
        }
        let ids = TaskIdentity.ids(metadata: extraction.notice.metadata, tasks: extraction.notice.tasks)
        tasks = extraction.notice.tasks.enumerated().map { index, task in
            Task(
                id: ids[index], index: index + 1, number: task.number, sectionPath: task.sectionPath, text: task.text,
                units: task.units.map { Unit(name: $0.name, role: $0.role, openList: $0.fromOpenList, canonical: nil) },
                deadline: task.deadline, layout: task.layout, source: task.source)
        }
        diagnostics = extraction.notice.diagnostics
        contentFingerprint = ContentFingerprint.of(metadata: metadata, tasks: tasks, outline: outline) ?? extraction.source.sha256
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, generator, contentFingerprint, source, workYear, metadata, outline, tasks, diagnostics
    }

    /// Reads documents of every 1.x schema: fields added since 1.0 are optional here.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        generator = try c.decodeIfPresent(String.self, forKey: .generator) ?? ""
        contentFingerprint = try c.decodeIfPresent(String.self, forKey: .contentFingerprint) ?? ""
        source = try c.decode(SourceInfo.self, forKey: .source)
        workYear = try c.decodeIfPresent(Int.self, forKey: .workYear)
        metadata = try c.decode(Metadata.self, forKey: .metadata)
        outline = try c.decode([OutlinePart].self, forKey: .outline)
        tasks = try c.decode([Task].self, forKey: .tasks)
        diagnostics = try c.decode([Diagnostic].self, forKey: .diagnostics)
    }

}

/// The version of the extractor, written into every output.
public enum GongwenVersion {
    public static let current = "0.1.0"
}

/// The normalised-content hash behind `OutputDocument.contentFingerprint`.
enum ContentFingerprint {
    /// nil when the notice has no title, task or section to fingerprint: then only the same
    /// bytes make a duplicate (the caller falls back to the input's hash).
    static func of(
        metadata: OutputDocument.Metadata, tasks: [OutputDocument.Task], outline: [OutputDocument.OutlinePart]
    ) -> String? {
        // The folded texts go straight into one buffer: no String per task.
        var text: [UInt8] = []
        func fold(_ string: String) { string.appendCompactFolded(to: &text) }
        fold(metadata.title ?? "")
        text.append(0x0A)
        for task in tasks {
            fold(task.text)
            text.append(UInt8(ascii: "|"))
            for (index, unit) in task.units.enumerated() {
                if index > 0 { text.append(UInt8(ascii: ",")) }
                fold(unit.name)
                text.append(UInt8(ascii: ":"))
                text += unit.role.rawValue.utf8
            }
            text.append(UInt8(ascii: "|"))
            fold(task.deadline?.raw ?? "")
            text.append(0x0A)
        }
        if tasks.isEmpty {
            func walk(_ sections: [OutputDocument.OutlineSection]) {
                for section in sections {
                    fold(section.title)
                    text.append(0x0A)
                    walk(section.children)
                }
            }
            for part in outline { walk(part.sections) }
        }
        if text.allSatisfy({ $0 == 0x0A }) { return nil }
        return SHA256Digest.hex(text)
    }
}
