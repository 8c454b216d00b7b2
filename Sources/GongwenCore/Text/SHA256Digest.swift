import CLibCrypto

/// SHA-256 (FIPS 180-4) of a byte array, as lower-case hex.
///
/// Computed by the system's libcrypto (Debian `libssl-dev`), which uses the CPU's SHA
/// instructions: every input is hashed once for its `source.sha256`, and a batch hashes it
/// again to tell whether an output is current. Checked against the FIPS test vectors
/// (`ExporterTests.sha256MatchesTheStandardVectors`).
public enum SHA256Digest {
    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: digest.count * 2) { buffer in
            for (index, byte) in digest.enumerated() {
                buffer[2 * index] = digits[Int(byte >> 4)]
                buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return digest.count * 2
        }
    }
}
