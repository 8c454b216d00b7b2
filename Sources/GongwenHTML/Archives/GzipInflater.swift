import CSystemZlib

/// Inflates gzip data, including several concatenated members (a `.warc.gz` file is one gzip
/// member per record).
public enum GzipInflater {
    /// Why inflating failed.
    public enum Failure: Error, Sendable, Equatable {
        case corrupt(offset: Int, reason: String)
        case tooLarge(limit: Int)
    }

    /// The inflated bytes of every member.
    ///
    /// - Parameter limit: Inflated output beyond this many bytes is refused (a zip bomb).
    public static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while offset < input.count {
            // Padding between members (some writers add zero bytes) ends the stream.
            if input[offset] == 0 { break }
            let (member, consumed) = try inflateMember(input, from: offset, limit: limit - output.count)
            output += member
            offset += consumed
            if consumed == 0 { break }
        }
        return output
    }

    /// One gzip member starting at `start`: its inflated bytes and how many input bytes it took.
    public static func inflateMember(_ input: [UInt8], from start: Int, limit: Int) throws(Failure) -> ([UInt8], Int) {
        try inflateStream(input, from: start, limit: limit, raw: false)
    }

    /// A raw deflate stream (no zlib or gzip header: what some servers send as `deflate`).
    public static func inflateRaw(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        try inflateStream(input, from: 0, limit: limit, raw: true).0
    }

    private static func inflateStream(_ input: [UInt8], from start: Int, limit: Int, raw: Bool) throws(Failure) -> ([UInt8], Int) {
        var stream = z_stream()
        let started = raw ? czlib_inflate_init_raw(&stream) : czlib_inflate_init_gzip(&stream)
        guard started == Z_OK else { throw .corrupt(offset: start, reason: "cannot start zlib") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        var consumed = 0
        var failure: Failure?
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + start)
            stream.avail_in = uInt(source.count - start)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                }
                if output.count > limit {
                    failure = .tooLarge(limit: limit)
                    return
                }
            } while status == Z_OK
            consumed = source.count - start - Int(stream.avail_in)
        }
        if let failure { throw failure }
        guard status == Z_STREAM_END else {
            let reason =
                status == Z_BUF_ERROR
                ? (raw ? "the deflated data is cut off" : "the archive ends inside a gzip member")
                : (raw ? "corrupt deflated data (zlib \(status))" : "corrupt gzip data (zlib \(status))")
            throw .corrupt(offset: start, reason: reason)
        }
        return (output, consumed)
    }
}
