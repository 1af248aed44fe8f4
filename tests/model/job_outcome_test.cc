#include "model/job_outcome.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>

#include "core/i18n.h"

namespace printline::model {
namespace {

// A note is stored as its message and parts and worded for each reader (D14).
TEST(JobOutcome, ANoteIsWordedInEachReadersLanguage) {
  ::setenv("PRINTLINE_LOCALEDIR", PRINTLINE_TEST_LOCALEDIR, 1);  // this build's catalogs
  i18n::init_translations();
  std::setlocale(LC_MESSAGES, "C");  // the process itself stays English
  const auto printed = outcome_note("Printed on {printer}.", {{"printer", "floor2-kyocera"}});
  EXPECT_EQ(outcome_for_reader(printed), "Printed on floor2-kyocera.");
  // A note built on another: each is worded, the printer's own text stays as it said it.
  const auto held = outcome_note(
      "{reason} Release the job again to print it.",
      {{"reason", outcome_note("Not printed. {failures}", {{"failures", "floor1: refused."}}),
        /*is_note=*/true}});
  EXPECT_EQ(outcome_for_reader(held),
            "Not printed. floor1: refused. Release the job again to print it.");
  {
    i18n::LanguageScope french("fr");
    EXPECT_EQ(outcome_for_reader(printed), "Imprimé sur floor2-kyocera.");
    EXPECT_EQ(outcome_for_reader(outcome_note("Waiting for a printer.")),
              "En attente d'une imprimante.");
    EXPECT_EQ(outcome_for_reader(held),
              "Non imprimé. floor1: refused. Libérez de nouveau le travail pour l'imprimer.");
  }
  EXPECT_EQ(outcome_for_reader(printed), "Printed on floor2-kyocera.");
}

// Sentences stored before notes existed, and notes built from other texts, are shown as they
// are; a damaged note never throws.
TEST(JobOutcome, WhatIsNoNoteIsShownAsItIs) {
  EXPECT_EQ(outcome_for_reader(""), "");
  EXPECT_EQ(outcome_for_reader("Not printed. floor1: connection refused."),
            "Not printed. floor1: connection refused.");
  EXPECT_EQ(outcome_for_reader("{not json"), "{not json");
  EXPECT_EQ(outcome_for_reader(R"({"printer": "x"})"), R"({"printer": "x"})");
  // A part the message names but the note lacks: the message as written, unfilled.
  EXPECT_EQ(outcome_for_reader(R"({"text": "Printed on {printer}."})"), "Printed on {printer}.");
  // A part's own braces are not read as placeholders.
  EXPECT_EQ(outcome_for_reader(outcome_note("Printed on {printer}.", {{"printer", "{x}"}})),
            "Printed on {x}.");
  // What a printer said is text, even when it is shaped like a note with a format of its own
  // (here a width that would take a gigabyte): it is shown as it came.
  const std::string hostile = R"({"text": "{x:>999999999}", "x": "y"})";
  EXPECT_EQ(outcome_for_reader(outcome_note("Printed on {printer}: {detail}.",
                                            {{"printer", "floor1"}, {"detail", hostile}})),
            "Printed on floor1: " + hostile + ".");
}

}  // namespace
}  // namespace printline::model
