// ICE servers for browsers: XEP-0215 entries as RTCIceServers, and the TTL bound of TURN REST (G16).
#include <catch2/catch.hpp>

#include "component/web/ice_servers.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
using namespace jinglegate::component::web;
using xmpp::ExternalService;
using xmpp::ServiceTransport;
using xmpp::ServiceType;

namespace {
ExternalService entry(ServiceType type, std::string host, std::optional<std::uint16_t> port,
                      ServiceTransport transport = ServiceTransport::udp, std::string user = "", std::string pass = "",
                      std::optional<std::int64_t> expires = std::nullopt) {
  ExternalService s;
  s.type = type;
  s.host = std::move(host);
  s.port = port;
  s.transport = transport;
  s.username = std::move(user);
  s.password = std::move(pass);
  s.expires = expires;
  s.restricted = !s.username.empty();
  return s;
}
}  // namespace

TEST_CASE("Prosody's stun and turn entries become a STUN server and a TURN server with credentials") {
  auto servers = ice_servers_from({entry(ServiceType::stun, "127.0.0.1", 3478),
                                   entry(ServiceType::turn, "127.0.0.1", 3478, ServiceTransport::udp, "1764043200", "pw", 1764043200)});
  REQUIRE(servers.size() == 2);
  CHECK(servers[0].urls == std::vector<std::string>{"stun:127.0.0.1:3478"});
  CHECK(servers[0].username.empty());
  CHECK(servers[0].expires == 0);
  CHECK(servers[1].urls == std::vector<std::string>{"turn:127.0.0.1:3478?transport=udp"});
  CHECK(servers[1].username == "1764043200");
  CHECK(servers[1].credential == "pw");
  CHECK(servers[1].expires == 1764043200);
  CHECK(earliest_expiry(servers) == 1764043200);
}

TEST_CASE("entries sharing credentials share one RTCIceServer, with the earliest expiry") {
  auto servers = ice_servers_from({entry(ServiceType::turn, "turn.example.org", std::nullopt, ServiceTransport::udp, "u", "p", 200),
                                   entry(ServiceType::turn, "turn.example.org", std::nullopt, ServiceTransport::tcp, "u", "p", 100),
                                   entry(ServiceType::turns, "turn.example.org", std::nullopt, ServiceTransport::tcp, "u", "p", 300),
                                   entry(ServiceType::turn, "turn.example.org", std::nullopt, ServiceTransport::udp, "u", "p", 200)});
  REQUIRE(servers.size() == 1);
  CHECK(servers[0].urls == std::vector<std::string>{"turn:turn.example.org:3478?transport=udp",
                                                    "turn:turn.example.org:3478?transport=tcp",
                                                    "turns:turn.example.org:5349?transport=tcp"});
  CHECK(servers[0].expires == 100);
}

TEST_CASE("IPv6 hosts are bracketed; STUN entries drop whatever credentials they carry") {
  auto servers = ice_servers_from({entry(ServiceType::stun, "2001:db8::3", 3478, ServiceTransport::udp, "x", "y", 5)});
  REQUIRE(servers.size() == 1);
  CHECK(servers[0].urls[0] == "stun:[2001:db8::3]:3478");
  CHECK(servers[0].username.empty());
  CHECK(servers[0].expires == 0);
}

TEST_CASE("what browsers cannot use is left out") {
  ExternalService ftp = entry(ServiceType::other, "files.example.org", 21);
  const std::vector<ExternalService> unusable{
      entry(ServiceType::turn, "127.0.0.1", 3478),                                           // TURN without credentials
      entry(ServiceType::turn, "127.0.0.1", 3478, ServiceTransport::udp, "u", ""),          // half credentials
      entry(ServiceType::stuns, "127.0.0.1", 5349, ServiceTransport::tcp),                  // browsers have no stuns
      entry(ServiceType::turns, "127.0.0.1", 5349, ServiceTransport::udp, "u", "p"),        // DTLS TURN
      entry(ServiceType::turn, "127.0.0.1", 3478, ServiceTransport::other, "u", "p"),       // sctp, say
      entry(ServiceType::turn, "evil.example?transport=tcp", 3478, ServiceTransport::udp, "u", "p"),
      entry(ServiceType::stun, "a b", 3478),
      entry(ServiceType::stun, "-leading.example", 3478),
      ftp,
  };
  CHECK(ice_servers_from(unusable).empty());
}

TEST_CASE("TURN REST credentials never live longer than 12 h, whatever the settings say (G16)") {
  IceServerSettings ice;
  ice.turn_secret = "0123456789abcdefXYZ";
  ice.turn_uris = {"turn:127.0.0.1:3478?transport=udp"};
  ice.credential_ttl = Seconds(7 * 86400);
  auto servers = ice_servers_for(ice, "alice", 1'700'000'000);
  REQUIRE(servers.size() == 1);
  CHECK(servers[0].expires == 1'700'000'000 + 12 * 3600);
  CHECK(servers[0].username == std::to_string(1'700'000'000 + 12 * 3600) + ":alice");
  CHECK(servers[0].credential.find(ice.turn_secret) == std::string::npos);
}
