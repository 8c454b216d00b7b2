/// What a notice says about itself (GB/T 9704 elements and the portal's disclosure grid).
public struct NoticeMetadata: Sendable, Equatable {
    /// One entry of the attachment list (附件说明).
    public struct Attachment: Sendable, Equatable, Codable {
        public var number: Int
        public var title: String

        public init(number: Int, title: String) {
            self.number = number
            self.title = title
        }
    }

    /// 标题: the notice's own title.
    public var title: String?
    /// 发文字号, e.g. `蜀政办〔2017〕56号`.
    public var documentNumber: String?
    /// 发文机关: the office in the signature.
    public var issuer: String?
    /// 主送机关, split into names.
    public var addressees: [String]
    /// 成文日期.
    public var signedOn: CalendarDate?
    /// The page's publish date (发布时间), which is not the signing date.
    public var publishedOn: CalendarDate?
    /// 附件说明.
    public var attachments: [Attachment]
    /// The disclosure grid (索引号, 发布机构 …) as printed, keys without spaces or colons, in page order.
    public var disclosure: [DisclosureField]

    public init(
        title: String? = nil, documentNumber: String? = nil, issuer: String? = nil, addressees: [String] = [],
        signedOn: CalendarDate? = nil, publishedOn: CalendarDate? = nil, attachments: [Attachment] = [],
        disclosure: [DisclosureField] = []
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
}

/// One key/value cell pair of a portal's disclosure grid (信息公开 header).
public struct DisclosureField: Sendable, Equatable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
