// Roles on every route, walked from the API's own route table so a new route is covered the
// day it is added; and another user's job is 404 on every job route.

#include "server/api_routes.h"
#include "server/api_test_fixture.h"

namespace printline::testing {
namespace {

// The route's pattern with each path group replaced by "1" (no <regex>: GCC 12 warns inside it
// under ASan, and warnings are errors).
std::string example_path(std::string pattern) {
  const std::string group = "([^/]+)";
  for (auto at = pattern.find(group); at != std::string::npos; at = pattern.find(group)) {
    pattern.replace(at, group.size(), "1");
  }
  return pattern;
}

TEST_F(ApiTest, EveryAdministratorRouteIs403ForAPlainUser) {
  int admin_routes = 0;
  for (const auto& route : server::api_route_table()) {
    if (route.access != server::Access::kAdmin) continue;
    ++admin_routes;
    const auto path = example_path(route.pattern);
    auto reply = alice_->call(
        route.method, path,
        route.method == "GET" ? std::nullopt : std::optional(nlohmann::json::object()));
    EXPECT_EQ(reply.status, 403) << route.method << " " << path << ": " << reply.body;
    EXPECT_EQ(reply.error_code(), "forbidden") << route.method << " " << path;
  }
  EXPECT_GE(admin_routes, 25);
}

TEST_F(ApiTest, EveryRouteButLoginNeedsCredentials) {
  auto anonymous = client();
  for (const auto& route : server::api_route_table()) {
    if (route.access == server::Access::kPublic) continue;
    const auto path = example_path(route.pattern);
    auto reply = anonymous->call(
        route.method, path,
        route.method == "GET" ? std::nullopt : std::optional(nlohmann::json::object()));
    EXPECT_EQ(reply.status, 401) << route.method << " " << path;
  }
}

TEST_F(ApiTest, AnotherUsersJobIsNotFoundOnReadReleaseAndCancel) {
  const auto uuid = new_job_uuid();
  ASSERT_EQ(upload(*alice_, {offline_job(uuid, color_printer_)}).json["accepted"], 1);

  EXPECT_EQ(alice_->get("/api/v1/jobs/" + uuid).status, 200);
  EXPECT_EQ(admin_->get("/api/v1/jobs/" + uuid).status, 200);
  auto read = bob_->get("/api/v1/jobs/" + uuid);
  EXPECT_EQ(read.status, 404);
  EXPECT_EQ(read.error_code(), "not-found");
  EXPECT_EQ(bob_->post("/api/v1/jobs/" + uuid + "/release", {{"printer", color_printer_}}).status,
            404);
  EXPECT_EQ(bob_->post("/api/v1/jobs/" + uuid + "/cancel").status, 404);
  // Same answer as for a UUID nobody has: the UUID reveals nothing.
  EXPECT_EQ(bob_->get("/api/v1/jobs/" + new_job_uuid()).status, 404);
  EXPECT_EQ(bob_->get("/api/v1/jobs/not-a-uuid").status, 400);
  // Bob's list does not show it either.
  EXPECT_TRUE(bob_->get("/api/v1/me/jobs").json["jobs"].empty());
  // Alice cannot cancel a job that already printed.
  EXPECT_EQ(alice_->post("/api/v1/jobs/" + uuid + "/cancel").status, 409);
}

}  // namespace
}  // namespace printline::testing
