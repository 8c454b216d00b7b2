import CLibXML2
import Foundation

/// A pull reader over one XML part of an office file, through libxml2's `xmlTextReader`.
///
/// The parts are read as data, never as a document that may fetch anything: no network
/// (`XML_PARSE_NONET`), no DTD loaded, no entity substituted (a part that declares an external
/// entity or a DTD gets neither read: its references stay unexpanded). Names are compared by
/// their local part (`w:p` is `p`), as every OOXML part binds one namespace per prefix.
final class XMLStreamReader {
    enum NodeType {
        case element
        case endElement
        case text
        case other
    }

    /// Why a part could not be read.
    struct Failure: Error, CustomStringConvertible {
        var part: String
        var reason: String
        var description: String { "\(part): \(reason)" }
    }

    private let reader: xmlTextReaderPtr
    private let part: String
    /// The bytes stay alive while libxml2 reads them.
    private let bytes: Data

    /// The type of the current node.
    private(set) var type: NodeType = .other
    /// The local name of the current element (or end element).
    private(set) var name = ""
    private(set) var isEmptyElement = false
    private(set) var depth = 0

    init(_ bytes: Data, part: String) throws(Failure) {
        self.bytes = bytes
        self.part = part
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let made = bytes.withUnsafeBytes { raw -> xmlTextReaderPtr? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            return xmlReaderForMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), part, "UTF-8", options)
        }
        guard let made else { throw Failure(part: part, reason: "empty or unreadable XML") }
        reader = made
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node; false at the end.
    func read() throws(Failure) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 0 { return false }
        guard status == 1 else { throw Failure(part: part, reason: "malformed XML") }
        depth = Int(xmlTextReaderDepth(reader))
        switch xmlTextReaderNodeType(reader) {
        case 1:
            type = .element
            name = Self.string(xmlTextReaderConstLocalName(reader))
            isEmptyElement = xmlTextReaderIsEmptyElement(reader) == 1
        case 15:
            type = .endElement
            name = Self.string(xmlTextReaderConstLocalName(reader))
            isEmptyElement = false
        case 3, 4, 13, 14:
            type = .text
            name = ""
            isEmptyElement = false
        default:
            type = .other
            name = ""
            isEmptyElement = false
        }
        return true
    }

    /// The text of the current text node.
    var value: String { Self.string(xmlTextReaderConstValue(reader)) }

    /// The value of the current element's attribute with this local name (`val` for `w:val`).
    func attribute(_ localName: String) -> String? {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if Self.string(xmlTextReaderConstLocalName(reader)) == localName {
                return Self.string(xmlTextReaderConstValue(reader))
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        return nil
    }

    /// The current element's attributes by local name.
    func attributes() -> [String: String] {
        var result: [String: String] = [:]
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return result }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            result[Self.string(xmlTextReaderConstLocalName(reader))] = Self.string(xmlTextReaderConstValue(reader))
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        return result
    }

    /// Skips the current element's content: the reader stops on its end element (or stays on
    /// an empty element).
    func skipElement() throws(Failure) {
        guard type == .element, !isEmptyElement else { return }
        let start = depth
        while try read() {
            if type == .endElement, depth == start { return }
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
