// A thin RAII layer over SQLite 3: connection, prepared statements, transactions, errors as values.
#include "presence/sqlite.hpp"

#include <sqlite3.h>

namespace jinglegate::presence::sql {

namespace {
// A writer holds the lock for microseconds; only an outside reader (sqlite3 integrity_check in a
// test, a backup) can make us wait, and never for long on the daemon's one thread.
constexpr int kBusyTimeoutMs = 200;
}  // namespace

void Db::Close::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void Stmt::Finalize::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Result<Db> Db::open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw, path);
  if (rc != SQLITE_OK) {
    return fail(Errc::database_error,
                "open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Error Db::error_of(sqlite3* db, std::string_view what) {
  return Error{Errc::database_error, std::string(what) + ": " + sqlite3_errmsg(db), 0};
}

Result<void> Db::exec(std::string_view sql) {
  const std::string text(sql);
  char* msg = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string detail = msg ? msg : "unknown error";
    sqlite3_free(msg);
    return fail(Errc::database_error, detail);
  }
  return Ok{};
}

Result<Stmt> Db::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                         nullptr) != SQLITE_OK)
    return fail(error("prepare"));
  return Stmt(db_.get(), s);
}

Result<std::string> Db::pragma_text(std::string_view pragma) {
  JG_TRY(Stmt s, prepare("PRAGMA " + std::string(pragma)));
  JG_TRY(bool row, s.step());
  return row ? s.text(0) : std::string();
}

Result<std::int64_t> Db::user_version() {
  JG_TRY(Stmt s, prepare("PRAGMA user_version"));
  JG_TRY(bool row, s.step());
  return row ? s.integer(0) : std::int64_t{0};
}

Result<void> Db::set_user_version(std::int64_t v) { return exec("PRAGMA user_version = " + std::to_string(v)); }

Stmt& Stmt::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_error_ = Ok{};
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view text) {
  if (sqlite3_bind_text(stmt_.get(), i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK &&
      bind_error_.ok())
    bind_error_ = fail(Db::error_of(db_, "bind"));
  return *this;
}

Stmt& Stmt::bind(int i, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), i, value) != SQLITE_OK && bind_error_.ok()) bind_error_ = fail(Db::error_of(db_, "bind"));
  return *this;
}

Result<bool> Stmt::step() {
  JG_CHECK(bind_error_);
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = Db::error_of(db_, "step");
  sqlite3_reset(stmt_.get());
  return fail(std::move(e));
}

Result<void> Stmt::run() {
  JG_TRY(bool row, step());
  (void)row;
  sqlite3_reset(stmt_.get());
  return Ok{};
}

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))) : std::string();
}

std::int64_t Stmt::integer(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

Result<Transaction> Transaction::begin(Db& db) {
  JG_CHECK(db.exec("BEGIN IMMEDIATE"));
  return Transaction(db);
}

Result<void> Transaction::commit() {
  Db* db = db_;
  db_ = nullptr;
  if (auto r = db->exec("COMMIT"); !r) {
    (void)db->exec("ROLLBACK");
    return r;
  }
  return Ok{};
}

Transaction::~Transaction() {
  if (db_) (void)db_->exec("ROLLBACK");
}

}  // namespace jinglegate::presence::sql
