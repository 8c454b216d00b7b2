/// A set of Unicode scalars with a bit per Basic Multilingual Plane scalar: membership is one
/// shift and mask, where `Set<Unicode.Scalar>` hashes every scalar it is asked about.
///
/// The readers ask "is this scalar a separator / the first scalar of a label / a unit
/// ending?" for every scalar of every line; compiled once as `static let`.
public struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    /// 1,024 words of 64 bits: the BMP (U+0000–U+FFFF).
    @usableFromInline var bits: [UInt64]
    /// Scalars above the BMP (rare: CJK extension B and emoji).
    @usableFromInline var astral: Set<UInt32>

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        bits = [UInt64](repeating: 0, count: 1024)
        astral = []
        for scalar in scalars { insert(scalar) }
    }

    public init(arrayLiteral scalars: Unicode.Scalar...) {
        self.init(scalars)
    }

    /// The first scalars of `words`: a position whose scalar is not in it starts none of them.
    public init(firstScalarsOf words: [[Unicode.Scalar]]) {
        self.init(words.compactMap(\.first))
    }

    /// The last scalars of `words`.
    public init(lastScalarsOf words: [[Unicode.Scalar]]) {
        self.init(words.compactMap(\.last))
    }

    public mutating func insert(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x10000 {
            bits[Int(value >> 6)] |= 1 << UInt64(value & 63)
        } else {
            astral.insert(value)
        }
    }

    /// (Inlinable: other modules' per-scalar loops ask it too.)
    @inlinable @inline(__always)
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x10000 { return bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
        return astral.contains(value)
    }
}

/// Words looked for inside a range, with a first-scalar filter so that most positions are
/// passed after one bit test.
public struct WordList: Sendable {
    public let words: [[Unicode.Scalar]]
    private let firsts: ScalarSet

    public init(_ words: [[Unicode.Scalar]]) {
        self.words = words
        firsts = ScalarSet(firstScalarsOf: words)
    }

    public init(_ words: [String]) {
        self.init(words.map { Array($0.unicodeScalars) })
    }

    /// Whether one of the words lies wholly inside `range`.
    public func occurs(in text: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        for offset in range where firsts.contains(text[offset]) {
            for word in words where offset + word.count <= range.upperBound && text.matches(word, at: offset) { return true }
        }
        return false
    }
}

/// A set for the short lists the readers de-duplicate (unit names in a clause): a linear scan
/// while it holds few elements, a hash set once it grows. Hashing a Chinese name normalises
/// it to NFC first; comparing two short lists element by element costs less, and a list of
/// tens of thousands of names still stays linear.
public struct SmallSet<Element: Hashable> {
    private var elements: [Element] = []
    private var hashed: Set<Element>?
    /// Beyond this many elements, membership goes through a hash set.
    static var linearLimit: Int { 16 }

    public init() {}

    /// Inserts `element` when it is not there yet; returns whether it was inserted.
    public mutating func insert(_ element: Element) -> Bool {
        if hashed == nil {
            if elements.contains(element) { return false }
            elements.append(element)
            if elements.count > Self.linearLimit { hashed = Set(elements) }
            return true
        }
        return hashed!.insert(element).inserted
    }
}
