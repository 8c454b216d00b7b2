import Foundation
import GRDB

/// An SQLite file through GRDB, set for several writers: write-ahead logging (readers never
/// wait), a busy timeout (a second `gongwen store` waits for the first's transaction instead
/// of failing), immediate transactions (a writer takes the write lock when it begins, so two
/// writers never deadlock upgrading a read lock) and foreign keys enforced.
final class SQLiteDatabase: StoreDatabase {
    let dialect = SQLDialect.sqlite
    private let pool: DatabasePool

    /// How long a writer waits for another process's transaction.
    static let busyTimeout: TimeInterval = 60

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "gongwen-store"
        // Opening switches a new file to write-ahead logging, which needs the file to itself
        // for a moment: a second process opening it then is told it is busy before any busy
        // timeout applies. It tries again, for as long as a writer would wait.
        let deadline = Date().addingTimeInterval(Self.busyTimeout)
        var pause = 0.005
        while true {
            do {
                pool = try DatabasePool(path: path, configuration: configuration)
                return
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && Date() < deadline
            {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.2)
            } catch {
                throw StoreError("\(path): cannot open the SQLite database: \(Self.message(error))")
            }
        }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(Session(db: db))
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("SQLite: \(Self.message(error))")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) throws -> T) async throws -> T {
        do {
            return try await pool.read { db in try body(Session(db: db)) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("SQLite: \(Self.message(error))")
        }
    }

    func close() async {
        try? pool.close()
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return "\(error)"
    }

    private struct Session: StoreSession {
        let db: Database
        var dialect: SQLDialect { .sqlite }

        func execute(_ sql: String, _ arguments: [SQLValue]) throws {
            try db.execute(sql: sql, arguments: Self.arguments(arguments))
        }

        func query(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
            try Row.fetchAll(db, sql: sql, arguments: Self.arguments(arguments)).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: .null
                    case .int64(let number): .integer(Int(number))
                    case .double(let number): .integer(Int(number))
                    case .string(let text): .text(text)
                    case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                    }
                }
            }
        }

        func lock(_ key: String) throws {
            // The immediate transaction already holds the database's write lock.
        }

        static func arguments(_ values: [SQLValue]) -> StatementArguments {
            StatementArguments(
                values.map { value -> (any DatabaseValueConvertible)? in
                    switch value {
                    case .null: nil
                    case .integer(let number): number
                    case .text(let text): text
                    }
                })
        }
    }
}
