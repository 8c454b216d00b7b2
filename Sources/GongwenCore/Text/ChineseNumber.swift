/// Reading numbers printed in Chinese numerals or Arabic digits.
enum ChineseNumber {
    /// The value of one Chinese digit, `〇`/`○`/`零` included.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "○", "零", "Ｏ": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        digit(scalar) != nil || scalar == "十" || scalar == "百" || scalar == "千"
    }

    /// Every scalar `isNumeral` accepts, and the ASCII digits: for scanners that test each
    /// scalar of a text (hold it in a local before the loop).
    static let digitsAndNumerals = ScalarSet(
        (0x30...0xFFFF).lazy.compactMap(Unicode.Scalar.init).filter { $0.isASCIIDigit || isNumeral($0) })

    /// Reads a counting numeral (`三`, `十二`, `二十一`, `一百零五`) from a whole scalar slice.
    static func value<C: Collection>(of scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= 8 else { return nil }
        var total = 0
        var current = 0
        var sawAny = false
        for scalar in scalars {
            if let d = digit(scalar) {
                current = d
                sawAny = true
            } else if scalar == "十" {
                total += (current == 0 ? 1 : current) * 10
                current = 0
                sawAny = true
            } else if scalar == "百" {
                total += (current == 0 ? 1 : current) * 100
                current = 0
                sawAny = true
            } else if scalar == "千" {
                total += (current == 0 ? 1 : current) * 1000
                current = 0
                sawAny = true
            } else {
                return nil
            }
        }
        return sawAny ? total + current : nil
    }

    /// Reads a year written digit by digit in Chinese (`二〇一七` → 2017).
    static func yearValue<C: Collection>(of scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard scalars.count == 4 else { return nil }
        var year = 0
        for scalar in scalars {
            guard let d = digit(scalar) else { return nil }
            year = year * 10 + d
        }
        return year
    }

    /// Reads ASCII digits from a whole slice.
    static func arabic<C: Collection>(of scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.count <= 9 else { return nil }
        var value = 0
        for scalar in scalars {
            guard let d = scalar.asciiDigitValue else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
