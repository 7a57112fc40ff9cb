// BoundedTaskQueue: the connection queue of the HTTP server, bounded. The
// server hands each accepted connection to its task queue; httplib's own
// ThreadPool queues any number of them. This one queues at most `max_queued`
// beyond its `threads` workers; a connection over that is served on the
// accepting thread itself, which stops accepting meanwhile, so the kernel's
// listen backlog holds (and then refuses) the rest. At most threads +
// max_queued + 1 connections are held by the process.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>

namespace cjm::server {

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(size_t threads, size_t max_queued)
      : pool_(threads), max_(threads + max_queued) {}

  void enqueue(std::function<void()> fn) override {
    if (held_.load() >= max_) {
      fn();
      return;
    }
    ++held_;
    pool_.enqueue([this, fn = std::move(fn)] {
      fn();
      --held_;
    });
  }

  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  const size_t max_;
  std::atomic<size_t> held_{0};
};

}  // namespace cjm::server
