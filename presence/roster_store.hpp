// The presence database (SQLite): each web user's roster items with their RFC 6121 subscription
// states, the inbound subscription requests awaiting the user's answer, and verified XEP-0115 caps.
//
// Schema versioned with PRAGMA user_version, migrations applied in order at open; WAL journal,
// synchronous=FULL (a committed subscription survives kill -9 and power loss), foreign keys on,
// prepared statements only. Every failure is Errc::database_error. Owns no thread: calls run on
// the caller's, and each is one indexed statement or one short transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "presence/sqlite.hpp"
#include "presence/subscription.hpp"

namespace jinglegate::presence {

inline constexpr std::int64_t kSchemaVersion = 2;  // 1: users, roster, requests; 2: caps

struct RosterItem {
  std::string contact;  // bare JID
  std::string name;     // the web user's name for the contact, "" when none
  SubState state = SubState::none;
  // Created by an inbound request the user has not answered: not part of the user's roster until
  // approved (RFC 6121 §3.1.3: no roster push in "None + Pending In").
  bool hidden = false;
  friend bool operator==(const RosterItem&, const RosterItem&) = default;
};

struct PendingRequest {  // an inbound subscribe the web user has not answered (RFC 6121 §3.1.3)
  std::string contact;
  std::string status;  // the request's <status/>, "" when none
  friend bool operator==(const PendingRequest&, const PendingRequest&) = default;
};

class RosterStore {
 public:
  // Opens (creates) the database at `path` (":memory:" for tests) and migrates it to
  // kSchemaVersion. A database of a newer schema is refused: we never downgrade one.
  static Result<std::unique_ptr<RosterStore>> open(const std::string& path);

  Result<void> add_user(std::string_view user);  // a web user who logged in at least once
  Result<bool> has_user(std::string_view user);

  Result<std::vector<RosterItem>> items(std::string_view user);  // hidden ones too, by contact
  Result<std::optional<RosterItem>> item(std::string_view user, std::string_view contact);
  Result<std::size_t> count(std::string_view user);
  Result<std::size_t> hidden_count(std::string_view user);  // unanswered requests from strangers
  // Writes the item (and the user) in one transaction. The request row follows the state: kept
  // (with `request_status` when new) while the state is pending in, deleted otherwise.
  Result<void> put(std::string_view user, const RosterItem& item, std::string_view request_status = {});
  Result<void> remove(std::string_view user, std::string_view contact);  // its request goes too
  Result<std::vector<PendingRequest>> requests(std::string_view user);   // oldest first

  // Verified caps (XEP-0115): the disco#info <query/> as XML text, keyed by hash name and ver.
  Result<std::optional<std::string>> caps(std::string_view hash, std::string_view ver);
  Result<void> put_caps(std::string_view hash, std::string_view ver, std::string_view info_xml);

  Result<std::string> integrity_check();  // "ok" when PRAGMA integrity_check finds nothing
  Result<std::int64_t> schema_version() { return db_.user_version(); }
  Result<std::string> journal_mode() { return db_.pragma_text("journal_mode"); }

 private:
  explicit RosterStore(sql::Db db) : db_(std::move(db)) {}
  Result<void> prepare_all();
  Result<RosterItem> read_item(const sql::Stmt& s) const;

  sql::Db db_;
  std::optional<sql::Stmt> add_user_, has_user_, items_, item_, count_, hidden_count_, upsert_, add_request_, drop_request_,
      remove_, requests_, caps_, put_caps_, prune_caps_;
};

// Applies the migrations above the database's user_version, each in its own transaction.
Result<void> migrate(sql::Db& db);

}  // namespace jinglegate::presence
