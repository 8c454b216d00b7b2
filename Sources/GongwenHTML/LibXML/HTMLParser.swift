import CLibXML2
import GongwenCore

/// Parses HTML with libxml2's parser into an `HTMLTree` (built from the parser's events by
/// `TreeBuilder`; libxml2 builds no tree of its own).
///
/// The text handed in is already Unicode (see `TextDecoder`); libxml2 gets it as UTF-8 with
/// the encoding stated, so it never sniffs a `<meta charset>` and never truncates or garbles a
/// page whose label lies. Options: recover from broken markup, no network, no errors printed —
/// libxml2's messages are captured through a structured error handler and returned as
/// diagnostics instead.
public enum HTMLParser {
    /// Parses a page.
    ///
    /// - Parameter text: The decoded page.
    /// - Returns: The tree (its root is the `<html>` element) and libxml2's complaints as
    ///   diagnostics.
    /// - Throws: `HTMLParseError.noDocument` when libxml2 returns no tree at all.
    public static func parse(
        _ text: String, maximumDepth: Int = ReaderLimits.defaultMaximumDepth
    ) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        try parse(text) { text throws(HTMLParseError) in try parseOnce(text, maximumDepth: maximumDepth) }
    }

    /// Parses with `parseOnce`, and again on the page with container tags flattened when
    /// libxml2 stopped at its depth limit. (`TreeBuilderTests` run libxml2's own tree through
    /// the same retry.)
    static func parse(
        _ text: String, once parseOnce: (String) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic])
    ) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        let first = try parseOnce(text)
        guard first.diagnostics.contains(where: { $0.message.utf8Contains("Excessive depth") }) else { return first }
        // libxml2 stops at 256 open elements and drops the rest of the page. CMS bugs nest
        // thousands of <div>s; flattening container tags keeps every word of the text.
        var second = try parseOnce(DeepNesting.flatten(text))
        second.diagnostics.insert(
            Diagnostic(
                .warning, .parse, code: "deep-nesting-flattened",
                "elements nested deeper than libxml2's limit: container tags were flattened to keep the text"),
            at: 0)
        return second
    }

    private static func parseOnce(
        _ text: String, maximumDepth: Int
    ) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        // libxml2 reads the String's own UTF-8 in place (it makes no context for no bytes).
        var text = text.isEmpty ? "<html></html>" : text
        let (built, diagnostics) = text.withUTF8 { buffer in
            collectingErrors { errors in
                TreeBuilder.parse(buffer, options: options, maximumDepth: maximumDepth, errors: errors)
            }
        }
        guard let built, !built.tree.records.isEmpty else { throw .noDocument }
        return (built.tree, diagnostics + (built.flattened ? [depthLimitDiagnostic(maximumDepth)] : []))
    }

    /// Runs `body` with libxml2's structured errors going to a collector handed to it; returns
    /// what `body` returned and the errors as diagnostics.
    static func collectingErrors<Result>(_ body: (ErrorCollector) -> Result) -> (Result, [Diagnostic]) {
        initializeOnce()
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        xmlSetStructuredErrorFunc(
            unmanaged.toOpaque(),
            { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
            })
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let result = body(collector)
        return (result, collector.diagnostics)
    }

    /// The warning for elements below `--max-depth` read as text.
    static func depthLimitDiagnostic(_ maximumDepth: Int) -> Diagnostic {
        Diagnostic(
            .warning, .parse, code: "depth-limit",
            "elements nested deeper than \(maximumDepth) levels were read as text (--max-depth)")
    }

    /// libxml2's own work only: parses `text` with the same options and frees the document
    /// without copying anything out. The benchmark's floor; returns whether a document came back.
    public static func parseAndDiscard(_ text: String) -> Bool {
        initializeOnce()
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
            guard let document else { return false }
            xmlFreeDoc(document)
            return true
        }
    }

    /// libxml2's parser with no handler at all: it reads the markup and builds nothing (not
    /// even the tree `parseAndDiscard` builds and frees). The strictest floor the benchmark
    /// reports; extraction runs this parser with `TreeBuilder` as its handler.
    public static func tokenizeAndDiscard(_ text: String) -> Bool {
        initializeOnce()
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            var handler = xmlSAXHandler()
            handler.initialized = 1
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                clibxml2_html_sax_parse(pointer, Int32(clamping: buffer.count), &handler, nil, options) == 0
            }
        }
    }

    /// The libxml2 version the program runs with (e.g. `20914`).
    public static var libxml2Version: String {
        String(cString: clibxml2_parser_version())
    }

    // MARK: - Private API

    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private static func initializeOnce() {
        _ = initialized
    }

    /// Collects libxml2's structured errors during one parse, and the ones the tree builder
    /// raises in libxml2's words. Confined to the parsing thread: the handler is installed and
    /// removed around a single synchronous parse.
    final class ErrorCollector {
        var diagnostics: [Diagnostic] = []
        private var count = 0
        /// Broken pages raise thousands of identical complaints; the first few say enough.
        private let limit = 20

        func add(_ error: xmlError) {
            add(
                code: Int(error.code), fatal: error.level == XML_ERR_FATAL,
                message: error.message.map { String(cString: $0) } ?? "unknown libxml2 error", line: Int(error.line))
        }

        func add(code: Int, fatal: Bool, message: String, line: Int) {
            count += 1
            guard count <= limit else {
                if count == limit + 1 {
                    diagnostics.append(Diagnostic(.info, .parse, code: "libxml2-more", "further libxml2 messages omitted"))
                }
                return
            }
            diagnostics.append(
                Diagnostic(fatal ? .error : .info, .parse, code: "libxml2-\(code)", message.trimmedText, line: line))
        }
    }
}

/// Why an HTML page could not be parsed at all.
public enum HTMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libxml2 returned no document (it does so only for input it cannot start on).
    case noDocument

    public var description: String {
        switch self {
        case .noDocument: "libxml2 produced no document"
        }
    }
}

/// Removes nesting from container tags (`div`, `span`, `font` …) so that a pathologically deep
/// page parses within libxml2's depth limit; block containers become paragraph breaks.
enum DeepNesting {
    static let blockTags: Set<String> = ["div", "section", "article", "center", "blockquote", "main", "aside"]
    static let inlineTags: Set<String> = ["span", "font", "b", "i", "u", "em", "strong", "small", "big", "a"]

    static func flatten(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "<" else {
                output.append(scalars[i])
                i += 1
                continue
            }
            var j = i + 1
            if j < scalars.count, scalars[j] == "/" { j += 1 }
            var name = ""
            while j < scalars.count, name.unicodeScalars.count < 12, scalars[j].properties.isAlphabetic {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            let lower = name.lowercased()
            guard blockTags.contains(lower) || inlineTags.contains(lower),
                let end = scalars[j...].firstIndex(of: ">")
            else {
                output.append(scalars[i])
                i += 1
                continue
            }
            if blockTags.contains(lower) { output.append(contentsOf: "<br>".unicodeScalars) }
            i = end + 1
        }
        return String(output)
    }
}
