import CLibCrypto

/// SHA-256 (FIPS 180-4) of a byte array, as lower-case hex.
///
/// Computed by the system's libcrypto (Debian `libssl-dev`), which uses the CPU's SHA
/// instructions: every input is hashed once for its `source.sha256`, and a batch hashes it
/// again to tell whether an output is current; every task id and content fingerprint is a
/// hash too. Checked against the FIPS test vectors
/// (`ExporterTests.sha256MatchesTheStandardVectors`).
public enum SHA256Digest {
    /// The implementation, fetched from libcrypto's provider once: the one-shot `SHA256()`
    /// looks it up by name on every call, which cost more than hashing a task's key (about
    /// 450 ns against 200). An `EVP_MD` is immutable and may be shared by threads.
    nonisolated(unsafe) private static let algorithm = EVP_MD_fetch(nil, "SHA256", nil)

    /// SHA-256 of bytes given in pieces (an output streamed to a file as it is hashed).
    public final class Incremental {
        private let context = EVP_MD_CTX_new()
        private var finished = false

        public init() {
            precondition(EVP_DigestInit_ex2(context, algorithm, nil) == 1, "libcrypto could not start SHA-256")
        }

        deinit { EVP_MD_CTX_free(context) }

        public func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            precondition(!finished, "SHA-256 updated after it was finished")
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            precondition(EVP_DigestUpdate(context, base, bytes.count) == 1, "libcrypto could not compute SHA-256")
        }

        /// The lower-case hex digest of everything given; the hasher cannot be used after.
        public func finish() -> String {
            precondition(!finished, "SHA-256 finished twice")
            finished = true
            var digest = [UInt8](repeating: 0, count: 32)
            let done = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, nil) == 1 }
            precondition(done, "libcrypto could not compute SHA-256")
            return SHA256Digest.hex(digest: digest)
        }
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        hex(digest: digest(bytes, algorithm, length: 32))
    }

    /// SHA-1 of `bytes`, raw: web archives name their records' digests in it (`sha1:` base 32);
    /// gongwen identifies nothing of its own by it.
    public static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        digest(bytes, sha1Algorithm, length: 20)
    }

    nonisolated(unsafe) private static let sha1Algorithm = EVP_MD_fetch(nil, "SHA1", nil)

    private static func digest(_ bytes: [UInt8], _ algorithm: OpaquePointer?, length: Int) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: length)
        let context = EVP_MD_CTX_new()
        defer { EVP_MD_CTX_free(context) }
        let hashed = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_DigestInit_ex2(context, algorithm, nil) == 1 && EVP_DigestUpdate(context, input.baseAddress, input.count) == 1
                    && EVP_DigestFinal_ex(context, output.baseAddress, nil) == 1
            }
        }
        // libcrypto fails only without memory or without its default provider.
        precondition(hashed, "libcrypto could not compute a digest")
        return digest
    }

    static func hex(digest: [UInt8]) -> String {
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
