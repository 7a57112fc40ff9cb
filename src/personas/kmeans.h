// k-means on standardised customer features (docs/methods.md, "Personas from
// behaviour"): k-means++ seeding and Lloyd iterations, the best of a few
// restarts, deterministic for a seed; K chosen by the mean silhouette.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <utility>
#include <vector>

#include "personas/customer_features.h"

namespace cjm {

// Each column as z-scores (a constant column becomes 0), then weighed by
// 1 / sqrt(columns of its group), so every group weighs the same in a
// distance however many columns it has.
Eigen::MatrixXf standardise(const Eigen::MatrixXf& values, const std::vector<FeatureGroup>& groups);

struct Clustering {
  std::vector<uint32_t> labels;  // per row: its cluster, 0 the largest (ties: first row)
  Eigen::MatrixXf centroids;     // k x columns, in label order
  double inertia = 0;            // sum of squared distances to the own centroid
};

// k-means with `k` clusters (at most the rows; at least 1; none without rows) over the rows of
// `z`: `restarts` runs from k-means++ seeds drawn from `seed`, each at most
// `max_iterations` Lloyd steps (an emptied cluster takes the row farthest from
// its centroid); the run with the least inertia wins. The same input and seed
// give the same result.
Clustering kmeans(const Eigen::MatrixXf& z, int k, uint64_t seed, int restarts = 4,
                  int max_iterations = 100);

// The mean silhouette of the rows `sample` of `z` under `labels`, measured
// among the sample: for a row, (b - a) / max(a, b) with a its mean distance
// to the rest of its cluster and b the least mean distance to another
// cluster; a row alone in its cluster counts 0.
double silhouette(const Eigen::MatrixXf& z, const std::vector<uint32_t>& labels,
                  const std::vector<uint32_t>& sample);

struct KChoice {
  int k = 1;
  std::vector<std::pair<int, double>> silhouettes;  // (K, mean silhouette) for every K tried
};

// The K in [k_min, k_max] (bounded by the rows) with the highest mean
// silhouette, ties to the smaller K. Each K clusters at most `fit_rows` rows
// (a sample drawn from `seed` beyond that) and is scored on at most
// `score_rows` of them. Fewer than 3 rows: K = 1.
KChoice choose_k(const Eigen::MatrixXf& z, uint64_t seed, int k_min = 2, int k_max = 8,
                 size_t fit_rows = 20000, size_t score_rows = 1000);

// `n` distinct row numbers below `rows` (all, in order, when n >= rows),
// drawn from `seed`, ascending.
std::vector<uint32_t> sample_rows(size_t rows, size_t n, uint64_t seed);

}  // namespace cjm
