// SPDX-License-Identifier: MIT
#include "doctest_selection.hpp"

#include <doctest/doctest.h>

namespace test_support {

namespace {

unsigned selected = 0;

/// Records how many test cases the filters selected; reports nothing else.
class SelectionListener final : public doctest::IReporter {
public:
    explicit SelectionListener(const doctest::ContextOptions& /*options*/) {}
    void report_query(const doctest::QueryData& /*data*/) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override { selected = stats.numTestCasesPassingFilters; }
    void test_case_start(const doctest::TestCaseData& /*data*/) override {}
    void test_case_reenter(const doctest::TestCaseData& /*data*/) override {}
    void test_case_end(const doctest::CurrentTestCaseStats& /*stats*/) override {}
    void test_case_exception(const doctest::TestCaseException& /*exception*/) override {}
    void subcase_start(const doctest::SubcaseSignature& /*signature*/) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData& /*data*/) override {}
    void log_message(const doctest::MessageData& /*data*/) override {}
    void test_case_skipped(const doctest::TestCaseData& /*data*/) override {}
};

REGISTER_LISTENER("selection", 1, SelectionListener);

} // namespace

unsigned selected_test_cases() noexcept {
    return selected;
}

} // namespace test_support
