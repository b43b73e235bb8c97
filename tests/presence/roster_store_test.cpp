// The presence database: items and requests, migrations from an older schema, WAL and integrity,
// surviving a reopen, and a write interrupted by a killed process.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "presence/roster_store.hpp"

using namespace jinglegate;
using namespace jinglegate::presence;

namespace {
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/jg-roster-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const char* name) const { return (path / name).string(); }
};

// What jinglegate's first schema looked like, written by hand as an older daemon left it.
void make_v1_database(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* sql = R"(
    PRAGMA foreign_keys = ON;
    CREATE TABLE users (local TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
    CREATE TABLE roster (
      user TEXT NOT NULL REFERENCES users(local) ON DELETE CASCADE, contact TEXT NOT NULL,
      name TEXT NOT NULL DEFAULT '',
      subscription TEXT NOT NULL CHECK (subscription IN ('none', 'to', 'from', 'both')),
      ask INTEGER NOT NULL DEFAULT 0 CHECK (ask IN (0, 1)),
      hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
      PRIMARY KEY (user, contact)) WITHOUT ROWID;
    CREATE TABLE requests (
      user TEXT NOT NULL, contact TEXT NOT NULL, status TEXT NOT NULL DEFAULT '', seq INTEGER NOT NULL,
      PRIMARY KEY (user, contact),
      FOREIGN KEY (user, contact) REFERENCES roster(user, contact) ON DELETE CASCADE) WITHOUT ROWID;
    INSERT INTO users VALUES ('alice');
    INSERT INTO roster VALUES ('alice', 'bob@a.test', 'Bob', 'both', 0, 0);
    INSERT INTO roster VALUES ('alice', 'carol@b.test', '', 'none', 0, 1);
    INSERT INTO requests VALUES ('alice', 'carol@b.test', 'hi, it is Carol', 1);
    PRAGMA user_version = 1;
  )";
  REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::unique_ptr<RosterStore> open_ok(const std::string& path) {
  auto store = RosterStore::open(path);
  REQUIRE(store.ok());
  return std::move(*store);
}
}  // namespace

TEST_CASE("roster items and their subscription states are written, read and removed") {
  auto store = open_ok(":memory:");
  CHECK(store->schema_version().value() == kSchemaVersion);
  REQUIRE(store->put("alice", RosterItem{"bob@a.test", "Bob", SubState::to_pending_in, false}, "let me in").ok());
  REQUIRE(store->put("alice", RosterItem{"carol@b.test", "", SubState::none_pending_out, false}).ok());
  REQUIRE(store->put("dave", RosterItem{"bob@a.test", "", SubState::both, false}).ok());

  auto items = store->items("alice");
  REQUIRE(items.ok());
  REQUIRE(items->size() == 2);
  CHECK((*items)[0] == RosterItem{"bob@a.test", "Bob", SubState::to_pending_in, false});
  CHECK((*items)[1] == RosterItem{"carol@b.test", "", SubState::none_pending_out, false});
  CHECK(store->requests("alice").value() == std::vector<PendingRequest>{{"bob@a.test", "let me in"}});
  CHECK(store->count("alice").value() == 2);
  CHECK(store->has_user("dave").value());
  CHECK_FALSE(store->has_user("erin").value());

  // Approving clears the request; the item stays.
  REQUIRE(store->put("alice", RosterItem{"bob@a.test", "Bob", SubState::both, false}).ok());
  CHECK(store->requests("alice").value().empty());
  CHECK(store->item("alice", "bob@a.test").value()->state == SubState::both);
  REQUIRE(store->remove("alice", "bob@a.test").ok());
  CHECK_FALSE(store->item("alice", "bob@a.test").value().has_value());
  CHECK(store->item("dave", "bob@a.test").value()->state == SubState::both);  // another user's roster
}

TEST_CASE("a request keeps its first status while it stays pending, and goes with its item") {
  auto store = open_ok(":memory:");
  REQUIRE(store->put("alice", RosterItem{"bob@a.test", "", SubState::none_pending_in, true}, "first").ok());
  REQUIRE(store->put("alice", RosterItem{"bob@a.test", "", SubState::none_pending_out_in, false}, "second").ok());
  CHECK(store->requests("alice").value() == std::vector<PendingRequest>{{"bob@a.test", "first"}});
  CHECK(store->hidden_count("alice").value() == 0);
  REQUIRE(store->put("alice", RosterItem{"x@b.test", "", SubState::none_pending_in, true}, "").ok());
  CHECK(store->hidden_count("alice").value() == 1);
  REQUIRE(store->remove("alice", "bob@a.test").ok());  // the foreign key cascades
  CHECK(store->requests("alice").value() == std::vector<PendingRequest>{{"x@b.test", ""}});
}

TEST_CASE("verified caps are stored by hash and ver") {
  auto store = open_ok(":memory:");
  CHECK_FALSE(store->caps("sha-1", "abc=").value().has_value());
  REQUIRE(store->put_caps("sha-1", "abc=", "<query xmlns='http://jabber.org/protocol/disco#info'/>").ok());
  CHECK(*store->caps("sha-1", "abc=").value() == "<query xmlns='http://jabber.org/protocol/disco#info'/>");
  CHECK_FALSE(store->caps("sha-256", "abc=").value().has_value());
}

TEST_CASE("a database of schema 1 is migrated in order and keeps its rosters and requests") {
  TempDir dir;
  const std::string path = dir.file("old.sqlite");
  make_v1_database(path);
  auto store = open_ok(path);
  CHECK(store->schema_version().value() == 2);
  CHECK(store->items("alice").value() ==
        std::vector<RosterItem>{{"bob@a.test", "Bob", SubState::both, false},
                                {"carol@b.test", "", SubState::none_pending_in, true}});
  CHECK(store->requests("alice").value() == std::vector<PendingRequest>{{"carol@b.test", "hi, it is Carol"}});
  REQUIRE(store->put_caps("sha-1", "v", "<x/>").ok());  // the table schema 2 added
  CHECK(store->integrity_check().value() == "ok");
}

TEST_CASE("a database from a newer jinglegate is refused, not downgraded") {
  TempDir dir;
  const std::string path = dir.file("new.sqlite");
  {
    auto store = open_ok(path);
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto again = RosterStore::open(path);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == Errc::database_error);
  CHECK(again.error().detail.find("newer") != std::string::npos);
}

TEST_CASE("a file that is not a database is a database_error, not a crash") {
  TempDir dir;
  const std::string path = dir.file("junk.sqlite");
  FILE* f = fopen(path.c_str(), "w");
  fputs("this is not an SQLite file, just some text long enough to be read as a header\n", f);
  fclose(f);
  auto store = RosterStore::open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().code == Errc::database_error);
}

TEST_CASE("the file uses WAL, and what was written survives closing and reopening") {
  TempDir dir;
  const std::string path = dir.file("roster.sqlite");
  {
    auto store = open_ok(path);
    CHECK(store->journal_mode().value() == "wal");
    REQUIRE(store->put("alice", RosterItem{"bob@a.test", "Bob", SubState::from_pending_out, false}).ok());
  }
  auto store = open_ok(path);
  CHECK(store->item("alice", "bob@a.test").value()->state == SubState::from_pending_out);
}

TEST_CASE("a writer killed with SIGKILL mid-stream leaves an intact database with every committed item") {
  TempDir dir;
  const std::string path = dir.file("killed.sqlite");
  { open_ok(path); }  // created and migrated before the child starts
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(fds[0]);
    auto store = RosterStore::open(path);
    if (!store) _exit(2);
    for (int i = 0;; ++i) {
      const std::string contact = "c" + std::to_string(i) + "@a.test";
      if (!(*store)->put("alice", RosterItem{contact, "", SubState::both, false})) _exit(3);
      // Reported only after the commit returned: the parent knows this one is durable.
      if (write(fds[1], &i, sizeof i) != sizeof i) _exit(4);
    }
  }
  close(fds[1]);
  int last = -1, n = 0;
  while (n < 200 && read(fds[0], &last, sizeof last) == sizeof last) ++n;
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(fds[0]);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(last >= 0);
  auto store = open_ok(path);
  CHECK(store->integrity_check().value() == "ok");
  CHECK(store->count("alice").value() >= static_cast<std::size_t>(last) + 1);
  for (int i = 0; i <= last; ++i) CHECK(store->item("alice", "c" + std::to_string(i) + "@a.test").value().has_value());
}
