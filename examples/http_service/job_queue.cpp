// SPDX-License-Identifier: MIT
#include "job_queue.hpp"

namespace docextract::service {

std::string_view to_string(JobState state) noexcept {
    switch (state) {
    case JobState::queued:
        return "queued";
    case JobState::processing:
        return "processing";
    case JobState::done:
        return "done";
    case JobState::failed:
        return "failed";
    case JobState::reviewed:
        return "reviewed";
    }
    return "failed";
}

std::optional<JobState> parse_job_state(std::string_view name) noexcept {
    for (JobState state :
         {JobState::queued, JobState::processing, JobState::done, JobState::failed, JobState::reviewed}) {
        if (to_string(state) == name) {
            return state;
        }
    }
    return std::nullopt;
}

} // namespace docextract::service
