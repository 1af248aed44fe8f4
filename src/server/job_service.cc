// The job service's facade (job_service.h): starts the pipeline (job_pipeline.h), whose
// steps — intake, analysis, control, charge, printing, recovery — each have their own file.

#include "server/job_service.h"

#include <fmt/format.h>

#include <filesystem>

#include "server/job_pipeline.h"
#include "server/job_spool.h"

namespace printline::server {

Result<std::unique_ptr<JobService>> JobService::start(const ServerConfig& config,
                                                      store::Store& store) {
  std::error_code error;
  std::filesystem::create_directories(config.spool_dir(), error);
  if (error) {
    return Error{fmt::format("Cannot create the spool directory {}: {}.",
                             config.spool_dir().string(), error.message())};
  }
  if (auto prepared = JobSpool(config.spool_dir(), store, config.database_document_bytes).prepare();
      !prepared.ok()) {
    return prepared.error();
  }
  auto service = std::make_unique<JobPipeline>(config, store);
  if (auto resumed = service->resume(); !resumed.ok()) return resumed.error();
  service->resume_analysis();
  service->start_workers();
  return std::unique_ptr<JobService>(std::move(service));
}

}  // namespace printline::server
