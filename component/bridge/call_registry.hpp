// The bridge's calls and the ways to find one: by the web user's bare JID and the Jingle sid
// (XEP-0166 §7.1: a sid names a session between two parties), and by web connection and session.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "component/bridge/call.hpp"

namespace jinglegate::component::bridge {

class CallRegistry {
 public:
  Call& add(std::unique_ptr<Call> call);
  void remove(CallId id);  // drops every index of it

  Call* get(CallId id);
  Call* by_sid(const std::string& local_bare, const std::string& sid);
  Call* by_web(web::ConnId conn, const std::string& session);

  // A connection joins (caller, ringing leg, the callee that accepted) or leaves a call.
  void index_web(web::ConnId conn, const std::string& session, CallId id);
  void unindex_web(web::ConnId conn, const std::string& session);

  std::vector<CallId> ids() const;
  std::vector<CallId> of_connection(web::ConnId conn) const;
  std::size_t size() const { return calls_.size(); }

 private:
  std::map<CallId, std::unique_ptr<Call>> calls_;
  std::map<std::pair<std::string, std::string>, CallId> by_sid_;
  std::map<std::pair<web::ConnId, std::string>, CallId> by_web_;
};

}  // namespace jinglegate::component::bridge
