/// Recognises binary files that archives save under notice names (`.html` that is a PNG).
enum BinarySniffer {
    private static let signatures: [(bytes: [UInt8], kind: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"), ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or an Office document)"), ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
        ([0x1F, 0x8B], "gzip-compressed data"), ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable"),
    ]

    /// What the bytes are, when they are a known binary format or mostly control bytes.
    static func binaryKind(of bytes: [UInt8]) -> String? {
        for signature in signatures where bytes.starts(with: signature.bytes) { return signature.kind }
        // Text never has many control bytes; UTF-16 has NULs but is caught by its pattern first.
        // One counting pass over the first 4 KB (every input goes through here).
        let sampleCount = min(bytes.count, 4096)
        var nuls = (even: 0, odd: 0)
        var control = 0
        for offset in 0..<sampleCount {
            let byte = bytes[offset]
            if byte == 0 {
                if offset % 2 == 0 { nuls.even += 1 } else { nuls.odd += 1 }
            }
            if byte < 0x09 || (byte > 0x0D && byte < 0x20 && byte != 0x1B) { control += 1 }
        }
        let isUTF16 =
            bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || nuls.odd * 3 > sampleCount
            || nuls.even * 3 > sampleCount
        if isUTF16 { return nil }
        return control * 10 > sampleCount ? "binary data" : nil
    }
}
