#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises portal chrome (DOMAIN.md §1) among blocks, so that it never reaches the outline.
///
/// The HTML reader removes most chrome by choosing the content region; this filter catches what
/// survives in both formats, above all in text saved from a browser, where the breadcrumb, the
/// font widget and the footer are ordinary lines.
public enum ChromeFilter {
    /// Words that mark a line as chrome wherever they occur.
    static let anywhere: [String] = [
        "【字体", "字体:大", "字号:大", "打印本页", "关闭窗口", "分享到", "扫一扫在手机", "浏览次数", "点击量", "点击数", "访问量",
        "ICP备", "公网安备", "网站标识码", "政府网站找错", "当前位置", "您现在的位置", "你现在的位置", "【打印】", "【关闭】",
        "【收藏】", "版权所有", "Copyright",
    ]

    /// Words that mark a line as chrome when it starts with them.
    static let leading: [String] = ["首页>", "首页›", "主办单位:", "承办单位:", "承办:", "技术支持:", "联系我们", "来源:", "发布时间:", "发布日期:", "信息来源:"]

    /// Characters that every chrome word contains (checked on the raw text before folding).
    static let anchors: [String] = [
        "字", "打印", "关闭", "分享", "扫", "浏览", "点击", "访问", "ICP", "公网", "网站", "位置", "版权", "opyright", "首页", "主办", "承办",
        "技术", "联系", "来源", "发布",
    ]

    /// The anchors as UTF-8, each with its first scalar: a line's scalar is compared with
    /// those before any bytes are (most scalars that start an anchor start only one).
    static let anchorBytes: [(first: Unicode.Scalar, bytes: [UInt8])] = anchors.map { ($0.unicodeScalars.first!, Array($0.utf8)) }

    /// The first scalars of the anchors: one bit test per scalar passes most lines at once.
    static let anchorStarts = ScalarSet(firstScalarsOf: anchors.map { Array($0.unicodeScalars) })

    /// Whether `text` contains one of `anchors`: one pass over its scalars, decoded from the
    /// UTF-8 in place, instead of one search per anchor (the filter sees every line of every
    /// page).
    static func containsAnchor(_ text: String) -> Bool {
        var text = text
        // (Read once: a static read per scalar is a lazy-initialisation check.)
        let starts = anchorStarts
        let anchors = anchorBytes
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let start = index
                let scalar = FoldedText.nextScalar(bytes, &index)
                if starts.contains(scalar) {
                    for anchor in anchors where anchor.first == scalar && anchor.bytes.count <= bytes.count - start {
                        if anchor.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress! + start, $0.count) == 0 }) {
                            return true
                        }
                    }
                }
            }
            return false
        }
    }

    /// Whether a block is portal chrome.
    public static func isChrome(_ block: Block) -> Bool {
        guard block.kind != .table, block.text.utf8.count <= 900 else { return false }
        // Every chrome word has one of these characters; most lines are passed at once.
        guard containsAnchor(block.text) else { return false }
        let (key, isWhole) = block.text.compactFoldedPrefix(maximumScalars: 200)
        if !isWhole { return false }
        if anywhere.contains(where: { key.utf8Contains($0) }) { return true }
        if leading.contains(where: { key.utf8HasPrefix($0) }) { return true }
        // A breadcrumb: `首页 > 信息公开 > 通知公告`.
        if key.utf8HasPrefix("首页"), key.utf8Contains(">") || key.utf8Contains("»") { return true }
        return false
    }
}
