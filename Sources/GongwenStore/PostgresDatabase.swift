import Dispatch
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A PostgreSQL server through postgres-nio, on one connection.
///
/// The store's logic is synchronous (one statement after another inside a transaction); here
/// it runs on a dispatch thread of its own, each statement waiting there for the connection's
/// answer, so the caller's async context is never blocked. A transaction is `BEGIN … COMMIT`;
/// an error, or the process dying, rolls it back. Writers of one notice are serialised by an
/// advisory lock on the notice's key (`pg_advisory_xact_lock`), released with the transaction.
final class PostgresDatabase: StoreDatabase {
    let dialect = SQLDialect.postgres
    private let connection: PostgresConnection
    private let health = Health()

    /// Whether the connection was lost: a statement failed because the server closed it or
    /// is shutting down. postgres-nio never answers a statement sent on a connection that is
    /// closing (not yet `isClosed`), so none is sent after that.
    final class Health: Sendable {
        private struct State {
            var lost = false
            var nextWaiter = 0
            /// Statements waiting for an answer, each ended with an error if the connection closes.
            var waiters: [Int: @Sendable (any Error) -> Void] = [:]
        }

        private let state = Mutex(State())
        var isLost: Bool { state.withLock { $0.lost } }
        func markLost() { state.withLock { $0.lost = true } }

        /// The connection closed: it is lost, and every statement waiting on it ends.
        func connectionClosed() {
            let waiters = state.withLock { state in
                state.lost = true
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
            for end in waiters { end(StoreError("PostgreSQL: the server closed the connection")) }
        }

        /// Registers a waiting statement's way to end early; the key forgets it.
        func waiting(_ end: @escaping @Sendable (any Error) -> Void) -> Int? {
            state.withLock { state in
                if state.lost { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = end
                return state.nextWaiter
            }
        }

        func answered(_ key: Int?) {
            guard let key else { return }
            state.withLock { _ = $0.waiters.removeValue(forKey: key) }
        }

        /// Whether an error means the connection is gone: a client-side connection error, or
        /// the server's own (SQLSTATE class 08, connection exception; 57, operator
        /// intervention such as `57P01` at shutdown).
        static func losesConnection(_ error: any Error) -> Bool {
            guard let error = error as? PSQLError else { return false }
            guard error.code == .server else { return true }
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57")
        }
    }
    private static let logger = Logger(label: "gongwen-store", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(connection: PostgresConnection) {
        self.connection = connection
        let health = health
        connection.closeFuture.whenComplete { _ in health.connectionClosed() }
    }

    static func connect(_ location: StoreLocation) async throws -> PostgresDatabase {
        guard case .postgres(let host, let port, let user, let password, let database) = location else {
            throw StoreError("not a PostgreSQL location")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostgresDatabase(connection: connection)
        } catch {
            throw StoreError("\(location.display): cannot connect: \(Self.message(error))")
        }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) throws -> T) async throws -> T {
        let session = Session(connection: connection, health: health)
        let connection = connection
        let health = health
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    try session.execute("BEGIN", [])
                    let result = try body(session)
                    try session.execute("COMMIT", [])
                    continuation.resume(returning: result)
                } catch {
                    // (A server that went away has rolled the transaction back itself.)
                    if !connection.isClosed, !health.isLost { try? session.execute("ROLLBACK", []) }
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) throws -> T) async throws -> T {
        // A repeatable-read transaction: one snapshot, no locks a writer waits for.
        try await transaction { session in
            try session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", [])
            return try body(session)
        }
    }

    func close() async {
        try? await connection.close()
    }

    /// The server's own message for an error (postgres-nio keeps it out of `description`).
    static func message(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }

    private struct Session: StoreSession {
        let connection: PostgresConnection
        let health: Health
        var dialect: SQLDialect { .postgres }

        func execute(_ sql: String, _ arguments: [SQLValue]) throws {
            _ = try run(sql, arguments)
        }

        func query(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
            try run(sql, arguments)
        }

        func lock(_ key: String) throws {
            try execute("SELECT pg_advisory_xact_lock(?)", [.integer(Self.lockNumber(key))])
        }

        private func run(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
            var binds = PostgresBindings(capacity: arguments.count)
            for argument in arguments {
                switch argument {
                case .null: binds.appendNull()
                case .integer(let number): binds.append(number)
                case .text(let text): binds.append(text)
                }
            }
            let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds)
            let connection = self.connection
            let health = self.health
            // A statement sent on a connection the server has closed is never answered.
            guard !connection.isClosed, !health.isLost else { throw StoreError("PostgreSQL: the server closed the connection") }
            // The wait ends when the connection closes too: a statement sent while it was
            // closing is never answered.
            var key: Int?
            defer { health.answered(key) }
            return try Blocking.wait(
                {
                    do {
                        let rows = try await connection.query(query, logger: PostgresDatabase.logger).collect()
                        return try rows.map { row in try row.map(Self.value) }
                    } catch {
                        if Health.losesConnection(error) { health.markLost() }
                        throw StoreError("PostgreSQL: \(PostgresDatabase.message(error))")
                    }
                },
                orUntil: { end in
                    key = health.waiting(end)
                    if key == nil { end(StoreError("PostgreSQL: the server closed the connection")) }
                })
        }

        private static func value(_ cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        }

        /// `?` placeholders numbered `$1`, `$2` … (the store's statements hold no `?` in
        /// literals).
        static func numbered(_ sql: String) -> String {
            var result = ""
            var count = 0
            for character in sql {
                if character == "?" {
                    count += 1
                    result += "$\(count)"
                } else {
                    result.append(character)
                }
            }
            return result
        }

        /// A 64-bit lock number for a key (FNV-1a of its UTF-8).
        static func lockNumber(_ key: String) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash)
        }
    }
}

/// Waits on a plain thread for async work: the work runs on the concurrency pool, the caller's
/// thread (a dispatch thread, never a pool thread) waits for its result.
enum Blocking {
    /// The result of `operation`, or the error `watch`'s function is called with, whichever
    /// comes first (`watch` is given a way to end the wait early).
    static func wait<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T,
        orUntil watch: (@escaping @Sendable (any Error) -> Void) -> Void
    ) throws -> T {
        let semaphore = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        @Sendable func finish(_ outcome: Result<T, any Error>) {
            let first = result.withLock { stored -> Bool in
                guard stored == nil else { return false }
                stored = outcome
                return true
            }
            if first { semaphore.signal() }
        }
        Task {
            do {
                finish(.success(try await operation()))
            } catch {
                finish(.failure(error))
            }
        }
        watch { error in finish(.failure(error)) }
        semaphore.wait()
        return try result.withLock { $0! }.get()
    }
}
