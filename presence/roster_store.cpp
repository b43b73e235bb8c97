// The presence database: rosters, pending requests and verified caps in SQLite, with migrations.
#include "presence/roster_store.hpp"

#include <array>

namespace jinglegate::presence {

namespace {
struct Migration {
  std::int64_t version;
  std::string_view sql;
};

// Append only: a released migration is never edited, a change is a new version.
constexpr std::array kMigrations{
    Migration{1, R"(
CREATE TABLE users (
  local TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
CREATE TABLE roster (
  user TEXT NOT NULL REFERENCES users(local) ON DELETE CASCADE,
  contact TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  subscription TEXT NOT NULL CHECK (subscription IN ('none', 'to', 'from', 'both')),
  ask INTEGER NOT NULL DEFAULT 0 CHECK (ask IN (0, 1)),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  PRIMARY KEY (user, contact)
) WITHOUT ROWID;
CREATE TABLE requests (
  user TEXT NOT NULL,
  contact TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  seq INTEGER NOT NULL,
  PRIMARY KEY (user, contact),
  FOREIGN KEY (user, contact) REFERENCES roster(user, contact) ON DELETE CASCADE
) WITHOUT ROWID;
)"},
    Migration{2, R"(
CREATE TABLE caps (
  hash TEXT NOT NULL,
  ver TEXT NOT NULL,
  info TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (hash, ver)
) WITHOUT ROWID;
CREATE INDEX caps_seq ON caps(seq);
)"},
};
static_assert(kMigrations.back().version == kSchemaVersion);

// Verified caps are cheap to make for someone who controls many clients; keep the newest.
constexpr std::int64_t kMaxStoredCaps = 10000;

std::int64_t flag(bool b) { return b ? 1 : 0; }
}  // namespace

Result<void> migrate(sql::Db& db) {
  JG_TRY(const std::int64_t have, db.user_version());
  if (have > kSchemaVersion)
    return fail(Errc::database_error, db.path() + ": schema version " + std::to_string(have) +
                                          " is newer than this jinglegate's (" + std::to_string(kSchemaVersion) + ")");
  for (const auto& m : kMigrations) {
    if (m.version <= have) continue;
    JG_TRY(auto tx, sql::Transaction::begin(db));
    if (auto r = db.exec(m.sql); !r)
      return fail(Errc::database_error, "migration to schema " + std::to_string(m.version) + ": " + r.error().detail);
    JG_CHECK(db.set_user_version(m.version));
    JG_CHECK(tx.commit());
  }
  return Ok{};
}

Result<std::unique_ptr<RosterStore>> RosterStore::open(const std::string& path) {
  JG_TRY(sql::Db db, sql::Db::open(path));
  // Outside any transaction, before the schema: foreign keys are per connection and off by default.
  JG_CHECK(db.exec("PRAGMA foreign_keys = ON"));
  if (path != ":memory:") {
    JG_TRY(std::string mode, db.pragma_text("journal_mode = WAL"));
    if (mode != "wal") return fail(Errc::database_error, path + ": cannot use WAL (journal_mode " + mode + ")");
  }
  JG_CHECK(db.exec("PRAGMA synchronous = FULL"));
  JG_CHECK(migrate(db));
  std::unique_ptr<RosterStore> store(new RosterStore(std::move(db)));
  JG_CHECK(store->prepare_all());
  return store;
}

Result<void> RosterStore::prepare_all() {
  constexpr std::string_view kItemColumns =
      "SELECT r.contact, r.name, r.subscription, r.ask, q.contact IS NOT NULL, r.hidden FROM roster r "
      "LEFT JOIN requests q ON q.user = r.user AND q.contact = r.contact WHERE r.user = ?1";
  struct {
    std::optional<sql::Stmt>* slot;
    std::string sql;
  } const statements[] = {
      {&add_user_, "INSERT OR IGNORE INTO users(local) VALUES (?1)"},
      {&has_user_, "SELECT 1 FROM users WHERE local = ?1"},
      {&items_, std::string(kItemColumns) + " ORDER BY r.contact"},
      {&item_, std::string(kItemColumns) + " AND r.contact = ?2"},
      {&count_, "SELECT count(*) FROM roster WHERE user = ?1"},
      {&hidden_count_, "SELECT count(*) FROM roster WHERE user = ?1 AND hidden = 1"},
      {&upsert_, "INSERT INTO roster(user, contact, name, subscription, ask, hidden) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                 "ON CONFLICT(user, contact) DO UPDATE SET name = excluded.name, subscription = excluded.subscription, "
                 "ask = excluded.ask, hidden = excluded.hidden"},
      {&add_request_, "INSERT INTO requests(user, contact, status, seq) "
                      "VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM requests)) "
                      "ON CONFLICT(user, contact) DO NOTHING"},
      {&drop_request_, "DELETE FROM requests WHERE user = ?1 AND contact = ?2"},
      {&remove_, "DELETE FROM roster WHERE user = ?1 AND contact = ?2"},
      {&requests_, "SELECT contact, status FROM requests WHERE user = ?1 ORDER BY seq"},
      {&caps_, "SELECT info FROM caps WHERE hash = ?1 AND ver = ?2"},
      {&put_caps_, "INSERT OR REPLACE INTO caps(hash, ver, info, seq) "
                   "VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM caps))"},
      {&prune_caps_, "DELETE FROM caps WHERE seq <= (SELECT max(seq) FROM caps) - ?1"},
  };
  for (const auto& s : statements) {
    JG_TRY(sql::Stmt stmt, db_.prepare(s.sql));
    s.slot->emplace(std::move(stmt));
  }
  return Ok{};
}

Result<void> RosterStore::add_user(std::string_view user) { return add_user_->reset().bind(1, user).run(); }

Result<bool> RosterStore::has_user(std::string_view user) { return has_user_->reset().bind(1, user).step(); }

Result<RosterItem> RosterStore::read_item(const sql::Stmt& s) const {
  RosterItem item;
  item.contact = s.text(0);
  item.name = s.text(1);
  const auto sub = parse_subscription(s.text(2));
  const auto state = sub ? make_state(*sub, s.integer(3) != 0, s.integer(4) != 0) : std::nullopt;
  if (!state) return fail(Errc::database_error, "roster item " + item.contact + " has an impossible state");
  item.state = *state;
  item.hidden = s.integer(5) != 0;
  return item;
}

Result<std::vector<RosterItem>> RosterStore::items(std::string_view user) {
  sql::Stmt& s = items_->reset().bind(1, user);
  std::vector<RosterItem> out;
  for (;;) {
    JG_TRY(bool row, s.step());
    if (!row) return out;
    JG_TRY(RosterItem item, read_item(s));
    out.push_back(std::move(item));
  }
}

Result<std::optional<RosterItem>> RosterStore::item(std::string_view user, std::string_view contact) {
  sql::Stmt& s = item_->reset().bind(1, user).bind(2, contact);
  JG_TRY(bool row, s.step());
  if (!row) return std::optional<RosterItem>();
  JG_TRY(RosterItem item, read_item(s));
  return std::optional<RosterItem>(std::move(item));
}

namespace {
Result<std::size_t> count_of(sql::Stmt& s) {
  JG_TRY(bool row, s.step());
  return row ? static_cast<std::size_t>(s.integer(0)) : std::size_t{0};
}
}  // namespace

Result<std::size_t> RosterStore::count(std::string_view user) { return count_of(count_->reset().bind(1, user)); }

Result<std::size_t> RosterStore::hidden_count(std::string_view user) {
  return count_of(hidden_count_->reset().bind(1, user));
}

Result<void> RosterStore::put(std::string_view user, const RosterItem& item, std::string_view request_status) {
  JG_TRY(auto tx, sql::Transaction::begin(db_));
  JG_CHECK(add_user_->reset().bind(1, user).run());
  JG_CHECK(upsert_->reset()
               .bind(1, user)
               .bind(2, item.contact)
               .bind(3, item.name)
               .bind(4, name_of(subscription_of(item.state)))
               .bind(5, flag(pending_out(item.state)))
               .bind(6, flag(item.hidden))
               .run());
  if (pending_in(item.state)) {
    JG_CHECK(add_request_->reset().bind(1, user).bind(2, item.contact).bind(3, request_status).run());
  } else {
    JG_CHECK(drop_request_->reset().bind(1, user).bind(2, item.contact).run());
  }
  return tx.commit();
}

Result<void> RosterStore::remove(std::string_view user, std::string_view contact) {
  return remove_->reset().bind(1, user).bind(2, contact).run();
}

Result<std::vector<PendingRequest>> RosterStore::requests(std::string_view user) {
  sql::Stmt& s = requests_->reset().bind(1, user);
  std::vector<PendingRequest> out;
  for (;;) {
    JG_TRY(bool row, s.step());
    if (!row) return out;
    out.push_back(PendingRequest{s.text(0), s.text(1)});
  }
}

Result<std::optional<std::string>> RosterStore::caps(std::string_view hash, std::string_view ver) {
  sql::Stmt& s = caps_->reset().bind(1, hash).bind(2, ver);
  JG_TRY(bool row, s.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(s.text(0));
}

Result<void> RosterStore::put_caps(std::string_view hash, std::string_view ver, std::string_view info_xml) {
  JG_TRY(auto tx, sql::Transaction::begin(db_));
  JG_CHECK(put_caps_->reset().bind(1, hash).bind(2, ver).bind(3, info_xml).run());
  JG_CHECK(prune_caps_->reset().bind(1, kMaxStoredCaps).run());
  return tx.commit();
}

Result<std::string> RosterStore::integrity_check() { return db_.pragma_text("integrity_check"); }

}  // namespace jinglegate::presence
