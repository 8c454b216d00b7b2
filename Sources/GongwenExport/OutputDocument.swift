import GongwenCore

/// The JSON document written for one input: the shape `Schemas/gongwen-notice.schema.json`
/// describes, field for field.
///
/// Kept separate from the domain model so that the model can change without changing the
/// output; every change here bumps `schemaVersion` and gets a CHANGELOG entry.
public struct OutputDocument: Sendable, Equatable, Codable {
    /// Semantic version of this output shape.
    public static let currentSchemaVersion = "1.1.0"

    public var schemaVersion: String
    public var source: SourceInfo
    public var workYear: Int?
    public var metadata: Metadata
    public var outline: [OutlinePart]
    public var tasks: [Task]
    public var diagnostics: [Diagnostic]

    public struct Metadata: Sendable, Equatable, Codable {
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

        init(_ metadata: NoticeMetadata) {
            title = metadata.title
            documentNumber = metadata.documentNumber
            issuer = metadata.issuer
            addressees = metadata.addressees
            signedOn = metadata.signedOn
            publishedOn = metadata.publishedOn
            attachments = metadata.attachments
            disclosure = metadata.disclosure
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            // Absent fields are written as null: "the document does not say" is data.
            try c.encode(title, forKey: .title)
            try c.encode(documentNumber, forKey: .documentNumber)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(addressees, forKey: .addressees)
            try c.encode(signedOn, forKey: .signedOn)
            try c.encode(publishedOn, forKey: .publishedOn)
            try c.encode(attachments, forKey: .attachments)
            try c.encode(disclosure, forKey: .disclosure)
        }
    }

    public struct OutlinePart: Sendable, Equatable, Codable {
        /// 0 for the main text, N for 附件N.
        public var attachment: Int
        public var title: String
        public var line: Int
        public var sections: [OutlineSection]
    }

    public struct OutlineSection: Sendable, Equatable, Codable {
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

    public struct Task: Sendable, Equatable, Codable {
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
            case index, number, sectionPath, text, units, deadline, layout, source
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(number, forKey: .number)
            try c.encode(sectionPath, forKey: .sectionPath)
            try c.encode(text, forKey: .text)
            try c.encode(units, forKey: .units)
            try c.encode(deadline, forKey: .deadline)
            try c.encode(layout, forKey: .layout)
            try c.encode(source, forKey: .source)
        }
    }

    public struct Unit: Sendable, Equatable, Codable {
        public var name: String
        public var role: Role
        /// The printed list ended in `等` / `等相关部门`.
        public var openList: Bool
    }

    /// The output for an extraction.
    public init(_ extraction: Extraction) {
        schemaVersion = Self.currentSchemaVersion
        source = extraction.source
        workYear = extraction.notice.workYear
        metadata = Metadata(extraction.notice.metadata)
        outline = extraction.notice.parts.map { part in
            OutlinePart(
                attachment: part.attachmentNumber, title: part.title, line: part.source.line,
                sections: part.sections.map(OutlineSection.init))
        }
        tasks = extraction.notice.tasks.enumerated().map { index, task in
            Task(
                index: index + 1, number: task.number, sectionPath: task.sectionPath, text: task.text,
                units: task.units.map { Unit(name: $0.name, role: $0.role, openList: $0.fromOpenList) },
                deadline: task.deadline, layout: task.layout, source: task.source)
        }
        diagnostics = extraction.notice.diagnostics
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, source, workYear, metadata, outline, tasks, diagnostics
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(source, forKey: .source)
        try c.encode(workYear, forKey: .workYear)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(outline, forKey: .outline)
        try c.encode(tasks, forKey: .tasks)
        try c.encode(diagnostics, forKey: .diagnostics)
    }
}
