// A thin RAII layer over SQLite 3 for presence/'s storage: one connection, prepared statements,
// transactions, and every failure a Result (Errc::database_error naming the call and SQLite's text).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "jingle/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace jinglegate::presence::sql {

class Stmt;

class Db {
 public:
  // Opens (creating if needed) the file, or an in-memory database for ":memory:".
  static Result<Db> open(const std::string& path);
  Db(Db&&) noexcept = default;
  Db& operator=(Db&&) noexcept = default;
  ~Db() = default;

  Result<void> exec(std::string_view sql);  // one or more statements without results
  Result<Stmt> prepare(std::string_view sql);
  Result<std::int64_t> user_version();
  Result<void> set_user_version(std::int64_t v);
  Result<std::string> pragma_text(std::string_view pragma);  // the first column of the first row
  Error error(std::string_view what) const { return error_of(db_.get(), what); }
  static Error error_of(sqlite3* db, std::string_view what);  // database_error with SQLite's message
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  struct Close {
    void operator()(sqlite3* db) const;
  };
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  std::unique_ptr<sqlite3, Close> db_;
  std::string path_;
};

// A prepared statement, reset and rebound for each use: bind(1, …) … then step() / step_row().
class Stmt {
 public:
  Stmt(Stmt&&) noexcept = default;
  Stmt& operator=(Stmt&&) noexcept = default;

  Stmt& reset();  // clears the previous run and bindings
  Stmt& bind(int i, std::string_view text);
  Stmt& bind(int i, std::int64_t value);
  // Runs a statement without result rows.
  Result<void> run();
  // Steps once: true with a row to read, false when done.
  Result<bool> step();
  std::string text(int col) const;
  std::int64_t integer(int col) const;

 private:
  friend class Db;
  struct Finalize {
    void operator()(sqlite3_stmt* s) const;
  };
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), stmt_(s) {}
  sqlite3* db_;  // the connection's handle, stable when the Db object moves
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  Result<void> bind_error_ = Ok{};
};

// BEGIN IMMEDIATE … COMMIT, rolled back when destroyed without commit().
class Transaction {
 public:
  static Result<Transaction> begin(Db& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(Db& db) : db_(&db) {}
  Db* db_;
};

}  // namespace jinglegate::presence::sql
