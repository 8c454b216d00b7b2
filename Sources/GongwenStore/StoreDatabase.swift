import Foundation

/// A value bound to, or read from, a SQL statement. The store keeps text and integers only:
/// dates as ISO days (`2017-09-30`) and times as ISO instants, so they compare as text in
/// both databases.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int)
    case text(String)

    public var text: String? {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .null: nil
        }
    }

    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .text(let value): Int(value)
        case .null: nil
        }
    }

    static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}

/// The two databases the store writes.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// Why the store failed: the database (unreachable, locked past its timeout, refused a
/// statement), or a schema newer than this tool.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// One open transaction. Statements are written with `?` placeholders; a session for
/// PostgreSQL numbers them (`$1`, `$2` …).
public protocol StoreSession {
    var dialect: SQLDialect { get }
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]]
    /// Serialises the transactions that write one notice, across processes, until this
    /// transaction ends (PostgreSQL: an advisory lock; SQLite: its write lock does it).
    func lock(_ key: String) throws
}

extension StoreSession {
    func execute(_ sql: String, _ arguments: SQLValue...) throws { try execute(sql, arguments) }

    func query(_ sql: String, _ arguments: SQLValue...) throws -> [[SQLValue]] { try query(sql, arguments) }

    /// The first column of the first row (an id from `RETURNING id`, a count).
    func scalar(_ sql: String, _ arguments: [SQLValue]) throws -> SQLValue? {
        try query(sql, arguments).first?.first
    }
}

/// A database the store can run transactions on.
public protocol StoreDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws
    /// (or when the process dies before it returns).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) throws -> T) async throws -> T
    /// Runs `body` on a consistent snapshot without taking the write lock: queries wait for
    /// no writer, and no writer waits for them.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) throws -> T) async throws -> T
    func close() async
}

/// Where the database is: a PostgreSQL URL, or an SQLite file.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(host: String, port: Int, user: String, password: String?, database: String)

    /// `postgres://user:password@host:port/database` (or `postgresql://`) for PostgreSQL,
    /// anything else a path to an SQLite file (made when missing).
    public init(_ text: String) throws {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else {
            self = .sqlite(path: text)
            return
        }
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw StoreError("\(text): not a PostgreSQL URL (postgres://user@host:port/database)")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        self = .postgres(
            host: host, port: url.port ?? 5432, user: url.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres",
            password: url.password, database: database.isEmpty ? "postgres" : database)
    }

    /// The location without its password, for messages.
    public var display: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let host, let port, let user, _, let database): "postgres://\(user)@\(host):\(port)/\(database)"
        }
    }
}
