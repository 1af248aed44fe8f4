// D11: the server asks every IPP printer again what it can do (capability_refresh.h), against
// real ippeveprinters: a stale description is corrected and saved once, an unchanged one is
// not saved again, a printer that does not answer keeps what was known, and RAW printers
// (described by hand) are left alone.

#include "server/capability_refresh.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "server/job_test_fixture.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/loopback_port.h"
#include "support/must.h"

namespace printline::testing {
namespace {

TEST(CapabilityRefreshTest, StaleDescriptionsAreCorrectedAndOthersLeftAlone) {
  JobFixture office;
  // A duplex colour printer the server still describes as it was: one-sided mono, no formats.
  IppEvePrinterPeer duplex_colour("refresh-test", false, {"-2", "-s", "10,10"});
  auto stale = office.printer("floor2", duplex_colour.uri());
  ASSERT_FALSE(stale.duplex);
  // A printer that is switched off, and a RAW printer with what the administrator said.
  auto off = office.printer("floor3", "ipp://127.0.0.1:" + std::to_string(pick_free_port()) +
                                          "/ipp/print");
  auto raw = office.printer("floor4", "socket://127.0.0.1:9", /*color=*/true);

  server::CapabilityRefresh refresh(office.config(), office.store());
  EXPECT_EQ(refresh.refresh_once(), 1);

  const auto now = must(office.store().find_printer(stale.id));
  ASSERT_TRUE(now.has_value());
  EXPECT_TRUE(now->duplex);
  EXPECT_TRUE(now->color);
  EXPECT_TRUE(std::find(now->document_formats.begin(), now->document_formats.end(),
                        "application/pdf") != now->document_formats.end());
  EXPECT_EQ(must(office.store().find_printer(off.id)), off);  // kept what was known
  EXPECT_EQ(must(office.store().find_printer(raw.id)), raw);  // never asked

  // Asked again with nothing changed: nothing is saved.
  EXPECT_EQ(refresh.refresh_once(), 0);
}

}  // namespace
}  // namespace printline::testing
