import Testing

@testable import GongwenCore

/// The byte- and scalar-level helpers every reader stands on.
struct TextPrimitiveTests {
    @Test func compactFoldedPrefixStopsAfterTheScalarsAsked() {
        // White space of every kind is dropped, full-width forms are folded, and the key stops
        // after the asked number of scalars.
        #expect("附　件 １：".compactFoldedPrefix(maximumScalars: 2) == ("附件", false))
        #expect("附　件 １：".compactFoldedPrefix(maximumScalars: 4) == ("附件1:", true))
        #expect("附件1:  \n".compactFoldedPrefix(maximumScalars: 4) == ("附件1:", true))
        #expect("".compactFoldedPrefix(maximumScalars: 3) == ("", true))
        // A four-byte scalar is never cut.
        #expect("𠀀𠀁𠀂".compactFoldedPrefix(maximumScalars: 2) == ("𠀀𠀁", false))
        #expect("a b c".compactFoldedPrefix(maximumScalars: 3) == ("abc", true))
    }

    @Test func prefixAgreesWithTheWholeFold() {
        for text in ["  关于 印发（试行）的通知 ", "２０１７年９月底前", "区发改局\u{3000}区财政局", "x\u{A0}y\u{2009}z"] {
            let whole = text.compactFolded
            for limit in 0...12 {
                let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: limit)
                #expect(key == String(whole.unicodeScalars.prefix(limit)))
                #expect(isWhole == (whole.unicodeScalars.count <= limit))
            }
            var appended: [UInt8] = Array("前缀|".utf8)
            text.appendCompactFolded(to: &appended)
            #expect(String(decoding: appended, as: UTF8.self) == "前缀|" + whole)
        }
    }

    @Test func scalarsRoundTripThroughFoldedText() {
        let text = "A（一）é𠀀\u{3000}，\r\n結"
        let folded = FoldedText(text)
        #expect(folded.original == Array(text.unicodeScalars))
        #expect(folded.original(0..<folded.count) == text)
        #expect(folded.folded(1..<4) == "(一)")
        #expect(String(scalars: Array(text.unicodeScalars)[...]) == text)
    }

    /// `original(_:)` finds byte offsets from a checkpoint every 32 scalars: every range of a
    /// text of one-, two-, three- and four-byte scalars, across several checkpoints, must give
    /// exactly the printed scalars.
    @Test func originalRangesAcrossCheckpointsAreThePrintedText() {
        let pieces = ["A", "é", "（", "一", "𠀀", "\u{3000}", "，", "\n", "結", "9"]
        let scalars = (0..<150).map { Array(pieces[($0 * 7 + $0 / 3) % pieces.count].unicodeScalars)[0] }
        let text = String(String.UnicodeScalarView(scalars))
        let folded = FoldedText(text)
        #expect(folded.count == scalars.count)
        for lower in stride(from: 0, through: scalars.count, by: 5) {
            for upper in stride(from: lower, through: scalars.count + 3, by: 7) {
                let expected = String(String.UnicodeScalarView(scalars[lower..<min(upper, scalars.count)]))
                #expect(folded.original(lower..<upper) == expected, "\(lower)..<\(upper)")
            }
        }
        let (prefix, isWhole) = FoldedText.prefix(of: text, maximumScalars: 40)
        #expect(!isWhole && prefix.original(0..<prefix.count) == String(String.UnicodeScalarView(scalars[0..<40])))
    }

    /// A subtext is the fold of the printed range, made without folding again: equal to it, and
    /// cut the same way again (its own checkpoints start at its own first scalar).
    @Test func subtextIsTheFoldOfItsPrintedRange() {
        let pieces = ["A", "é", "（", "一", "𠀀", "\u{3000}", "，", "\n", "結", "９"]
        let scalars = (0..<150).map { Array(pieces[($0 * 5 + $0 / 4) % pieces.count].unicodeScalars)[0] }
        let folded = FoldedText(String(String.UnicodeScalarView(scalars)))
        for lower in stride(from: 0, through: scalars.count, by: 9) {
            for upper in stride(from: lower, through: scalars.count + 3, by: 13) {
                let sub = folded.subtext(lower..<upper)
                #expect(sub == FoldedText(folded.original(lower..<upper)), "\(lower)..<\(upper)")
                #expect(sub.printed == folded.original(lower..<upper))
                #expect(sub.original(3..<40) == FoldedText(sub.printed).original(3..<40), "\(lower)..<\(upper)")
            }
        }
    }

    /// An attachment's extension is read off the path: query and fragment left out, any case,
    /// never a dot in a folder name or a longer extension that starts like one.
    @Test func attachmentExtensionsAreReadOffThePath() {
        let cases: [(String, String?)] = [
            ("附件1.DOCX", "docx"), ("/files/2017/任务分工.xls?download=1", "xls"), ("a.pdf#page=2", "pdf"),
            ("a.wps", "wps"), ("b.et", "et"), ("c.docx.html", nil), ("v1.2/readme", nil), ("d.docm", nil),
            ("e.pdfx", nil), ("noextension", nil), (".pdf", "pdf"), ("f.", nil), ("g.d?oc", nil), ("", nil),
            ("h.文档", nil),
        ]
        for (href, expected) in cases {
            #expect(AttachmentLink.attachmentExtension(of: href) == expected, "\(href)")
        }
    }

    /// Scalars are counted eight bytes at a time with the rest byte by byte: every length
    /// around the word size, in one- to four-byte scalars, counts as the scalar view does.
    @Test func scalarCountAgreesWithTheScalarView() {
        let pieces = ["A", "é", "（", "一", "𠀀", "\u{3000}", "\n"]
        for length in 0..<40 {
            let text = (0..<length).map { pieces[($0 * 3 + length) % pieces.count] }.joined()
            #expect(text.scalarCount == text.unicodeScalars.count, "\(text)")
        }
    }

    @Test func droppingScalarsCutsAtScalarsNotBytes() {
        let text = "（一）\u{3000}é𠀀推进 政务公开。 "
        for count in 0...(text.unicodeScalars.count + 2) {
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(count))).trimmedText
            #expect(text.trimmedText(droppingScalars: count) == expected, "\(count)")
        }
    }

    @Test func scalarSetHoldsBasicAndAstralScalars() {
        let set: ScalarSet = ["、", ",", "𠀀", "\u{FFFF}", "\0"]
        for member: Unicode.Scalar in ["、", ",", "𠀀", "\u{FFFF}", "\0"] { #expect(set.contains(member)) }
        for other: Unicode.Scalar in ["。", "-", "𠀁", "\u{FFFE}", "\u{1}"] { #expect(!set.contains(other)) }
    }

    @Test func wordListFindsWordsOnlyWhereTheyFit() {
        let list = WordList(["牵头", "牵头单位", "配合"])
        let text = Array("由区财政局牵头单位配合".unicodeScalars)
        #expect(list.occurs(in: text, 0..<text.count))
        #expect(!list.occurs(in: text, 0..<6))  // `牵` alone at the end of the range
        #expect(list.occurs(in: text, 9..<11))
        #expect(!list.occurs(in: text, 0..<5))
    }

    @Test func smallSetInsertsEachElementOnceOnBothSidesOfItsLimit() {
        var set = SmallSet<String>()
        let names = (0..<40).map { "市第\($0)局" }
        let first = names.map { set.insert($0) }
        #expect(first == Array(repeating: true, count: 40))
        // Every name again, below and above the linear limit, is refused.
        let again = names.map { set.insert($0) }
        #expect(again == Array(repeating: false, count: 40))
        // Canonically equivalent strings are one element, as in a Set.
        var accents = SmallSet<String>()
        let composed = accents.insert("\u{E9}")
        let decomposed = accents.insert("e\u{301}")
        #expect(composed && !decomposed)
    }

    @Test func byteSearchAgreesWithANaiveSearch() {
        func naive(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
            if needle.isEmpty { return true }
            guard needle.count <= haystack.count else { return false }
            return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
        }
        let texts = ["", "a", "第一", "列第一位者为牵头单位", "aa第一第", "ICP备12345号", "首位首位", "第\u{3000}一", "x第一"]
        let needles = ["", "a", "第一", "首位", "第", "一", "ICP", "牵头单位", "位者", "x第一y"]
        for text in texts {
            for needle in needles {
                let haystack = Array(text.utf8)
                let pattern = Array(needle.utf8)
                #expect(ByteSearch.contains(haystack, pattern) == naive(haystack, pattern), "\(text) / \(needle)")
            }
        }
        // Pseudo-random bytes, including needles cut from the haystack at every offset.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return [0x41, 0xE7, 0xAC, 0xAC, 0xE4, 0xB8, 0x80, 0x80][Int(state >> 61)]
        }
        for _ in 0..<200 {
            let haystack = (0..<Int(next() % 40)).map { _ in next() }
            let needle = (0..<Int(next() % 5)).map { _ in next() }
            #expect(ByteSearch.contains(haystack, needle) == naive(haystack, needle))
            if haystack.count >= 3 {
                let cut = Array(haystack[1..<3])
                #expect(ByteSearch.contains(haystack, cut))
            }
        }
    }
}
