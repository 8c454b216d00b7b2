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

    @Test func scalarSetHoldsBasicAndAstralScalars() {
        let set: ScalarSet = ["、", ",", "𠀀", "\u{FFFF}", "\0"]
        for member: Unicode.Scalar in ["、", ",", "𠀀", "\u{FFFF}", "\0"] { #expect(set.contains(member)) }
        for other: Unicode.Scalar in ["。", "-", "𠀁", "\u{FFFE}", "\u{1}"] { #expect(!set.contains(other)) }
    }

    @Test func wordListFindsWordsOnlyWhereTheyFit() {
        let list = WordList(["牵头", "牵头单位", "配合"])
        let text = Array("由区财政局牵头单位配合".unicodeScalars)
        #expect(list.first(in: text, at: 5) == Array("牵头".unicodeScalars))
        #expect(list.first(in: text, at: 4) == nil)
        #expect(list.first(in: text, at: -1) == nil)
        #expect(list.first(in: text, at: text.count) == nil)
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
}
