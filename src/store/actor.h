#pragma once
// Who makes a change: every administrative change is written to the audit log under this
// login, in the same transaction as the change.

#include <string>

namespace printline::store {

struct Actor {
  std::string login;  // "system" for changes the server makes by itself
};

inline Actor system_actor() { return Actor{"system"}; }

}  // namespace printline::store
