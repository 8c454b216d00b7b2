/// Reads a notice's metadata from its blocks and the page around it.
///
/// Sources, strongest first: the disclosure grid (信息公开 header), the notice's own lines
/// (title, 发文字号, signature and signing date), the page's `<meta>` tags, and the `<title>`
/// with its site suffix cut off.
struct MetadataExtractor {
    struct Result {
        var metadata: NoticeMetadata
        var workYear: Int?
        var diagnostics: [Diagnostic]
        /// Index of the block holding the title (the outline's main part starts after it).
        var titleBlock: Int?
    }

    /// How many leading blocks the head of a notice (title, number, addressees) may span.
    /// Portal chrome before the title (breadcrumb, counters) rarely takes more than a dozen.
    static let headWindow = 40

    func extract(_ blocks: [Block], hints: PageHints) -> Result {
        let disclosure = hints.disclosure.isEmpty ? SavedHeader.read(blocks) : hints.disclosure
        var metadata = NoticeMetadata(disclosure: disclosure)
        var diagnostics: [Diagnostic] = []
        let grid = Dictionary(disclosure.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        func gridValue(_ keys: [String]) -> String? {
            for key in keys { if let value = grid[key]?.trimmedText, !value.isEmpty { return value } }
            return nil
        }

        // Title. The head ends where the body starts (found once for the title and the number).
        let bodyStart = blocks.prefix(Self.headWindow).firstIndex { $0.kind != .table && isBodyStart($0.text) }
        let found = findTitle(blocks, bodyStart: bodyStart)
        if let title = gridValue(["标题", "名称", "文件名称"]) {
            // A saved header often drops the issuer the notice's own title line starts with.
            if let found, found.title.compactFolded.utf8HasSuffix(title.compactFolded), found.title.count > title.count {
                metadata.title = found.title
            } else {
                metadata.title = title
            }
        } else if let found {
            metadata.title = found.title
        } else if let title = hints.metaTitle?.trimmedText, !title.isEmpty {
            metadata.title = title
        } else if let title = hints.headingTitle?.trimmedText, !title.isEmpty {
            metadata.title = title
        } else if let title = hints.documentTitle.map(Self.stripSiteSuffix), !title.isEmpty {
            metadata.title = title
            diagnostics.append(Diagnostic(.info, .metadata, code: "title-from-page-title", "title taken from the page's <title>"))
        }

        // Document number.
        if let number = gridValue(["发文字号", "文号"]) {
            metadata.documentNumber = number
        } else {
            metadata.documentNumber = ownDocumentNumber(blocks, bodyStart: bodyStart)
        }

        // Publish date: the page's 发布时间 line, the grid, or a meta tag.
        metadata.publishedOn =
            gridValue(["发布日期", "发布时间", "公开日期"]).flatMap { DateReader.firstDate(in: $0)?.date }
            ?? blocks.lazy.compactMap { PublishLine.date(in: $0.text) }.first
            ?? hints.metaPublished.flatMap { PublishLine.date(in: $0) ?? DateReader.firstDate(in: $0)?.date }

        // Signature and signing date.
        let start = (found?.block ?? -1) + 1
        if let signature = findSignature(blocks, from: start) {
            metadata.signedOn = signature.date
            metadata.issuer = signature.issuer
        }
        if metadata.signedOn == nil {
            metadata.signedOn = gridValue(["成文日期", "印发日期", "发文日期"]).flatMap { DateReader.firstDate(in: $0)?.date }
        }
        if metadata.issuer == nil {
            metadata.issuer = gridValue(["发文机关", "发布机构", "发文单位"])
        }

        metadata.addressees = findAddressees(blocks, from: start)
        metadata.attachments = findAttachmentList(blocks)

        let workYear = Self.year(in: metadata.title) ?? metadata.signedOn?.year ?? metadata.publishedOn?.year
        if workYear == nil {
            diagnostics.append(
                Diagnostic(
                    .warning, .metadata, code: "no-work-year",
                    "no year in the title, signing date or publish date: relative deadlines have no due date"))
        }
        return Result(metadata: metadata, workYear: workYear, diagnostics: diagnostics, titleBlock: found?.block)
    }

    // MARK: - Title

    /// The first head block that reads as a title, joined with the next when the title is
    /// printed over two lines (`国务院关于做好当前和今后一个时期` / `促进就业工作的若干意见`).
    private func findTitle(_ blocks: [Block], bodyStart: Int?) -> (title: String, block: Int)? {
        let limit = min(blocks.count, Self.headWindow)
        var candidates: [(title: String, block: Int)] = []
        var index = 0
        while index < limit {
            let block = blocks[index]
            defer { index += 1 }
            // The title precedes the addressees and the body; past them, a `…要点` line is the
            // wrapped document's title, not the notice's.
            // (`bodyStart` is the first body block; one joined into a title is passed over, and
            // the blocks after it are asked again.)
            if let bodyStart, index == bodyStart || index > bodyStart && block.kind != .table && isBodyStart(block.text) {
                break
            }
            guard block.kind != .table, !ChromeFilter.isChrome(block), isTitleCandidate(block.text) else { continue }
            let key = block.text.compactFolded
            if TitleRules.endsLikeTitle(key) {
                candidates.append((stripNumber(block.text), index))
            } else if key.utf8Contains("关于"), index + 1 < blocks.count, blocks[index + 1].kind != .table {
                // The first half of a split title contains 关于 and runs on in the next block.
                let joined = block.text + blocks[index + 1].text
                if isTitleCandidate(joined), TitleRules.endsLikeTitle(joined) {
                    candidates.append((stripNumber(joined), index + 1))
                    index += 1
                }
            }
        }
        // A `关于…` title beats a line that only ends like one (a breadcrumb's `…制度`).
        let strong = candidates.filter { $0.title.compactFolded.utf8Contains("关于") }
        guard var best = (strong.isEmpty ? candidates : strong).first else { return nil }
        // A page heading often repeats the title without its issuer; the full title follows.
        for later in candidates where later.block > best.block {
            let key = later.title.compactFolded
            if key.utf8HasSuffix(best.title.compactFolded), key.count > best.title.compactFolded.count { best = later }
        }
        return best
    }

    /// An addressee line (`各镇政府、…各单位:`) or a body paragraph (a long sentence).
    private func isBodyStart(_ text: String) -> Bool {
        let key = text.compactFolded
        // Only a line ending in a colon is looked at scalar by scalar.
        if key.utf8.last == UInt8(ascii: ":") {
            let scalars = Array(key.unicodeScalars)
            if scalars.count > 2, UnitVocabulary.endsWithUnitSuffix(scalars, 0..<(scalars.count - 1)) { return true }
        }
        return key.utf8Contains("。") && key.scalarCount > 60
    }

    private func isTitleCandidate(_ text: String) -> Bool {
        // A title is at most 120 scalars: a longer line is not folded whole to find that out.
        let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: 120)
        guard isWhole else { return false }
        // `标题：…` is a disclosure line (its value comes in through the grid), and `本地目录:
        // zwgk/…/…的通知` an archiver's note; a title has neither a label nor a path.
        if let colon = key.utf8.firstIndex(of: UInt8(ascii: ":")), String(key.utf8[..<colon])?.scalarCount ?? 0 <= 8 {
            return false
        }
        if key.utf8Contains("/") || key.utf8Contains("http") { return false }
        let length = key.scalarCount
        guard length >= 6, length <= 120 else { return false }
        guard !key.utf8Contains("。"), !key.utf8HasSuffix(":"), MarkerReader.read(key) == nil else { return false }
        return key.utf8Contains("关于") || TitleRules.endsLikeTitle(key)
    }

    /// A document number glued to the title's end is not part of the title.
    private func stripNumber(_ title: String) -> String {
        guard title.utf8Contains("号") else { return title.trimmedText }
        let folded = FoldedText(title)
        guard let range = DocumentNumberReader.range(in: folded), range.upperBound == folded.count else {
            return title.trimmedText
        }
        return folded.original(0..<range.lowerBound).trimmedText
    }

    /// `XX关于…的通知_莆田市制度文件_莆田市人民政府门户网站` → `XX关于…的通知`.
    static func stripSiteSuffix(_ title: String) -> String {
        let folded = FoldedText(title.trimmedText)
        for separator in ["_", "|", " - ", "—"].map(pattern) {
            if let at = folded.folded.firstOffset(of: separator) {
                return folded.original(0..<at).trimmedText
            }
        }
        return folded.original(0..<folded.count)
    }

    /// The notice's own 发文字号: printed on a short line of the head (alone, or glued to the
    /// title or issuer), never a number cited in a sentence (`根据《…》（国办发〔2019〕14号）`).
    private func ownDocumentNumber(_ blocks: [Block], bodyStart: Int?) -> String? {
        for block in blocks.prefix(bodyStart ?? Self.headWindow) where block.kind != .table {
            guard block.text.utf8Contains("号") else { continue }
            let folded = FoldedText(block.text)
            guard let range = DocumentNumberReader.range(in: folded) else { continue }
            let before = folded.folded[0..<range.lowerBound]
            if before.contains("《") || before.last == "(" { continue }
            // A long line is a sentence; a number line, or one glued to a title, is short.
            if folded.count - range.count > 80 { continue }
            return folded.original(range)
        }
        return nil
    }

    // MARK: - Dates and signature

    /// The signing date on its own line (or at the end of the signature line) and the office
    /// printed just before it.
    private func findSignature(_ blocks: [Block], from start: Int) -> (date: CalendarDate, issuer: String?)? {
        var index = max(0, start)
        while index < blocks.count {
            let block = blocks[index]
            // Only short lines and the start of long ones matter here: 40 scalars are enough.
            let (key, isWhole) = block.text.compactFoldedPrefix(maximumScalars: 40)
            if block.kind == .table || isWhole && key.scalarCount <= 6 && AttachmentHeading.read(key) != nil {
                break
            }
            // Every date has 年 or ASCII digits (`2017-09-08`): most lines are passed here.
            guard key.utf8Contains("年") || key.utf8.contains(where: { (0x30...0x39).contains($0) }) else {
                index += 1
                continue
            }
            let compact = Array(key.unicodeScalars)
            if isWhole, let date = DateReader.dateLine(compact: key) {
                let issuer = index > 0 ? Self.issuerName(blocks[index - 1].text) : nil
                return (date, issuer)
            }
            if isWhole, let (date, range) = DateReader.firstDate(in: key),
                range.upperBound == compact.count, range.lowerBound > 0,
                let issuer = Self.issuerName(compact[0..<range.lowerBound].map { $0 }.asString)
            {
                // `蜀山区人民政府办公室  2017年9月8日` on one line.
                return (date, issuer)
            }
            // (A date is far shorter than 40 scalars: reading it from the prefix is the same.)
            if let found = DateReader.readDate(compact, at: 0), found.range.upperBound < compact.count || !isWhole, index > 0,
                let issuer = Self.issuerName(blocks[index - 1].text)
            {
                // The signing date glued to the next heading: `2023年3月30日XX工作方案`.
                return (found.date, issuer)
            }
            index += 1
        }
        return nil
    }

    /// An office name standing alone on a line.
    static func issuerName(_ text: String) -> String? {
        let key = text.compactFolded
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= 3, scalars.count <= 40, !key.utf8Contains("。"), !key.utf8Contains(":"),
            UnitVocabulary.endsWithUnitSuffix(scalars, 0..<scalars.count)
        else { return nil }
        return text.trimmedText
    }

    // MARK: - Addressees and attachments

    private static let addresseeSeparators: ScalarSet = ["、", ","]

    private func findAddressees(_ blocks: [Block], from start: Int) -> [String] {
        for block in blocks.dropFirst(max(0, start)).prefix(8) where block.kind != .table && !ChromeFilter.isChrome(block) {
            // Addressees end in a colon: other lines are passed without folding.
            let trimmed = block.text.trimmedText
            guard trimmed.utf8HasSuffix(":") || trimmed.utf8HasSuffix("：") else { continue }
            let folded = FoldedText(trimmed)
            guard folded.folded.last == ":", folded.count <= 300 else { continue }
            let body = folded.folded.trimmedRange(0..<(folded.count - 1))
            let pieces = UnitListParser.split(folded.folded, body, at: Self.addresseeSeparators)
            // Addressees are offices (`各镇政府`, `区直各部门`); a label such as `组长:` is not.
            guard pieces.contains(where: { UnitVocabulary.endsWithUnitSuffix(folded.folded, $0) }) else { continue }
            return pieces.map { folded.original($0) }
        }
        return []
    }

    private func findAttachmentList(_ blocks: [Block]) -> [NoticeMetadata.Attachment] {
        var result: [NoticeMetadata.Attachment] = []
        var index = 0
        while index < blocks.count {
            // (Most lines have no 附 at all: they are passed without folding.)
            guard blocks[index].text.utf8Contains("附"), blocks[index].text.compactFoldedPrefix(maximumScalars: 3).key == "附件:"
            else {
                index += 1
                continue
            }
            let key = blocks[index].text.compactFolded
            let rest = String(key.dropFirst(3))
            if let (marker, body) = MarkerReader.read(rest) {
                result.append(.init(number: marker.value, title: body))
            } else if !rest.isEmpty {
                result.append(.init(number: 1, title: rest))
                return result
            }
            index += 1
            while index < blocks.count, let (marker, body) = MarkerReader.read(blocks[index].text),
                marker.style == .arabicDot, marker.value == result.count + 1
            {
                result.append(.init(number: marker.value, title: body))
                index += 1
            }
            return result
        }
        return result
    }

    // MARK: - Work year

    /// The first plausible year printed in a title (`2017年`, `（2015-2020）`, `二〇一七年`).
    static func year(in title: String?) -> Int? {
        guard let title else { return nil }
        let scalars = FoldedText(title).folded
        var i = 0
        while i + 4 <= scalars.count {
            if let year = ChineseNumber.arabic(of: scalars[i..<(i + 4)]), (1949...2099).contains(year),
                i == 0 || !scalars[i - 1].isASCIIDigit, i + 4 == scalars.count || !scalars[i + 4].isASCIIDigit
            {
                return year
            }
            i += 1
        }
        return nil
    }
}

/// Finds a document number (发文字号) such as `蜀政办〔2017〕56号`.
enum DocumentNumberReader {
    private static let opening: ScalarSet = ["〔", "[", "［", "(", "【", "（"]
    private static let closing: ScalarSet = ["〕", "]", "］", ")", "】", "）"]

    /// The document number printed in `text`, if any.
    static func find(in text: String) -> String? {
        guard let range = range(in: text) else { return nil }
        return FoldedText(text).original(range)
    }

    /// The scalar range of the document number in `text`.
    static func range(in text: String) -> Range<Int>? {
        // Every number ends in 号: most lines are passed without folding.
        guard text.utf8Contains("号") else { return nil }
        return range(in: FoldedText(text))
    }

    /// `range(in:)` for a text already folded.
    static func range(in text: FoldedText) -> Range<Int>? {
        let scalars = text.folded
        var i = 0
        while i < scalars.count {
            defer { i += 1 }
            guard opening.contains(scalars[i]), i + 6 < scalars.count,
                let year = ChineseNumber.arabic(of: scalars[(i + 1)..<(i + 5)]), (1949...2099).contains(year),
                closing.contains(scalars[i + 5])
            else { continue }
            var end = i + 6
            while end < scalars.count, scalars[end].isASCIIDigit { end += 1 }
            guard end > i + 6, end < scalars.count, scalars[end] == "号" else { continue }
            var start = i
            while start > 0, scalars[start - 1].isHan, i - start < 12 { start -= 1 }
            guard start < i else { continue }
            return start..<(end + 1)
        }
        return nil
    }
}

/// Reads the publish date of a page line such as `发布时间: 2017-11-24 08:48`.
public enum PublishLine {
    private static let labels = ["发布时间:", "发布日期:", "发布于:", "时间:", "日期:"].map(pattern)

    /// The date after a publish label, or nil when the line has none.
    public static func date(in text: String) -> CalendarDate? {
        // Every label has a colon and 间, 期 or 于: lines without them (most) are passed unfolded.
        guard text.utf8Contains(":") || text.utf8Contains("："),
            text.utf8Contains("间") || text.utf8Contains("期") || text.utf8Contains("于")
        else { return nil }
        let (compact, isWhole) = text.compactFoldedPrefix(maximumScalars: 80)
        guard isWhole else { return nil }
        let key = Array(compact.unicodeScalars)
        for label in labels {
            guard let at = key.firstOffset(of: label) else { continue }
            // A bare `时间:` counts only at the start of the line; `发布时间:` anywhere.
            if label.count <= 3, at != 0 { continue }
            let rest = Array(key[(at + label.count)...])
            if let found = DateReader.readDate(rest, at: 0) { return found.date }
        }
        return nil
    }
}

/// Title rules for readers outside this module.
public enum TitleLine {
    /// Whether a line ends like a document title (`…的通知`, `…实施方案`).
    public static func endsLikeTitle(_ text: String) -> Bool { TitleRules.endsLikeTitle(text) }
}

/// The metadata header of a saved text page: `标题: …`, `发布时间: …`, `文号: …` lines at the
/// top, before the notice (archivers write them like a disclosure grid).
enum SavedHeader {
    /// How many leading blocks may hold header lines.
    static let window = 12

    /// Keys crawlers write above the notice besides the disclosure keys (`正文:` opens the body).
    static let pageKeys: Set<String> = ["正文", "原始链接", "原文链接", "本地目录", "来源", "链接", "网址"]

    static func read(_ blocks: [Block]) -> [DisclosureField] {
        var fields: [DisclosureField] = []
        for block in blocks.prefix(window) where block.kind != .table {
            // The key is in the first ten scalars: only they are folded.
            let (head, _) = FoldedText.prefix(of: block.text, maximumScalars: 10)
            guard let colon = head.folded.firstOffset(of: [":"], before: 10) else { continue }
            let key = head.original(0..<colon).compactFolded
            guard DisclosureKeys.all.contains(key), !fields.contains(where: { $0.key == key }) else { continue }
            fields.append(DisclosureField(key: key, value: block.text.trimmedText(droppingScalars: colon + 1)))
        }
        // One `时间:` line is a page's publish line, not a header; a header has several fields.
        return fields.count >= 2 ? fields : []
    }
}

/// Keys of disclosure grids and saved-page headers (DOMAIN.md §1).
public enum DisclosureKeys {
    public static let all: Set<String> = [
        "索引号", "信息分类", "主题分类", "体裁分类", "组配分类", "发布机构", "发文机关", "成文日期", "发布日期", "发文字号", "文号", "有效性",
        "标题", "名称", "政策咨询机关", "主题词", "公开方式", "公开范围", "生成日期", "公开时限", "效力状态", "生效日期", "废止日期", "发布时间",
        "文件编号", "所属主题", "信息来源", "栏目",
    ]
}
