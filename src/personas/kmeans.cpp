#include "personas/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/random.h"

namespace cjm {

namespace {

using Index = Eigen::Index;

// Squared distances of every row of `z` to every row of `c` (rows x k).
Eigen::MatrixXf squared_distances(const Eigen::MatrixXf& z, const Eigen::MatrixXf& c) {
  Eigen::MatrixXf d = -2.0f * (z * c.transpose());
  d.colwise() += z.rowwise().squaredNorm();
  d.rowwise() += c.rowwise().squaredNorm().transpose();
  return d.cwiseMax(0.0f);
}

// k-means++: the first centre uniformly, each next one with probability
// proportional to the squared distance to the nearest centre chosen.
Eigen::MatrixXf seed_centres(const Eigen::MatrixXf& z, int k, Rng& rng) {
  const Index n = z.rows();
  Eigen::MatrixXf c(k, z.cols());
  c.row(0) = z.row(static_cast<Index>(rng.next() % static_cast<uint64_t>(n)));
  Eigen::VectorXf nearest = (z.rowwise() - c.row(0)).rowwise().squaredNorm();
  for (int j = 1; j < k; ++j) {
    const double total = nearest.cast<double>().sum();
    Index pick = 0;
    if (total > 0) {
      double u = rng.uniform() * total;
      for (pick = 0; pick < n - 1; ++pick) {
        u -= nearest(pick);
        if (u < 0) break;
      }
    } else {
      pick = static_cast<Index>(rng.next() % static_cast<uint64_t>(n));
    }
    c.row(j) = z.row(pick);
    nearest = nearest.cwiseMin((z.rowwise() - c.row(j)).rowwise().squaredNorm());
  }
  return c;
}

// Lloyd's iterations from `centres`.
Clustering lloyd(const Eigen::MatrixXf& z, Eigen::MatrixXf centres, int max_iterations) {
  const Index n = z.rows(), k = centres.rows();
  Clustering out;
  out.labels.assign(static_cast<size_t>(n), UINT32_MAX);
  Eigen::VectorXf own(n);
  for (int it = 0; it < max_iterations; ++it) {
    const Eigen::MatrixXf d = squared_distances(z, centres);
    bool changed = false;
    for (Index i = 0; i < n; ++i) {
      Index best;
      own(i) = d.row(i).minCoeff(&best);
      if (out.labels[i] != static_cast<uint32_t>(best)) {
        out.labels[i] = static_cast<uint32_t>(best);
        changed = true;
      }
    }
    if (!changed) break;
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, z.cols());
    std::vector<uint64_t> sizes(static_cast<size_t>(k), 0);
    for (Index i = 0; i < n; ++i) {
      sums.row(out.labels[i]) += z.row(i).cast<double>();
      ++sizes[out.labels[i]];
    }
    for (Index j = 0; j < k; ++j) {
      if (sizes[j] > 0) {
        centres.row(j) = (sums.row(j) / static_cast<double>(sizes[j])).cast<float>();
      } else {  // an emptied cluster restarts at the row farthest from its centre
        Index far;
        own.maxCoeff(&far);
        centres.row(j) = z.row(far);
        own(far) = 0;
      }
    }
  }
  const Eigen::MatrixXf d = squared_distances(z, centres);
  out.inertia = 0;
  for (Index i = 0; i < n; ++i) out.inertia += d(i, out.labels[i]);
  out.centroids = std::move(centres);
  return out;
}

// Renumbers the clusters by size, largest first (ties: the one whose first
// row comes first), so labels do not depend on the seeding's order.
void order_by_size(Clustering& c) {
  const size_t k = static_cast<size_t>(c.centroids.rows());
  std::vector<uint64_t> size(k, 0);
  std::vector<size_t> first(k, SIZE_MAX);
  for (size_t i = 0; i < c.labels.size(); ++i) {
    ++size[c.labels[i]];
    first[c.labels[i]] = std::min(first[c.labels[i]], i);
  }
  std::vector<uint32_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<uint32_t> rank(k);
  Eigen::MatrixXf centroids(c.centroids.rows(), c.centroids.cols());
  for (size_t r = 0; r < k; ++r) {
    rank[order[r]] = static_cast<uint32_t>(r);
    centroids.row(static_cast<Index>(r)) = c.centroids.row(order[r]);
  }
  for (uint32_t& l : c.labels) l = rank[l];
  c.centroids = std::move(centroids);
}

}  // namespace

Eigen::MatrixXf standardise(const Eigen::MatrixXf& values,
                            const std::vector<FeatureGroup>& groups) {
  Eigen::MatrixXf z = values;
  const Index n = values.rows();
  std::vector<int> group_size(8, 0);
  for (FeatureGroup g : groups) ++group_size[static_cast<size_t>(g)];
  for (Index j = 0; j < values.cols(); ++j) {
    const Eigen::VectorXd col = values.col(j).cast<double>();
    const double mean = n > 0 ? col.mean() : 0.0;
    const double var = n > 0 ? (col.array() - mean).square().mean() : 0.0;
    const double sd = std::sqrt(var);
    const double weight = 1.0 / std::sqrt(group_size[static_cast<size_t>(groups[j])]);
    if (sd < 1e-9)
      z.col(j).setZero();
    else
      z.col(j) = ((col.array() - mean) * (weight / sd)).cast<float>().matrix();
  }
  return z;
}

Clustering kmeans(const Eigen::MatrixXf& z, int k, uint64_t seed, int restarts,
                  int max_iterations) {
  Clustering best;
  if (z.rows() == 0) {
    best.centroids = Eigen::MatrixXf::Zero(0, z.cols());
    return best;
  }
  k = std::max(1, std::min<int>(k, static_cast<int>(z.rows())));
  best.inertia = std::numeric_limits<double>::infinity();
  for (int r = 0; r < std::max(1, restarts); ++r) {
    Rng rng = customer_rng(seed, static_cast<uint64_t>(r));
    Clustering c = lloyd(z, seed_centres(z, k, rng), max_iterations);
    if (c.inertia < best.inertia) best = std::move(c);
  }
  order_by_size(best);
  return best;
}

double silhouette(const Eigen::MatrixXf& z, const std::vector<uint32_t>& labels,
                  const std::vector<uint32_t>& sample) {
  if (sample.size() < 2) return 0;
  Eigen::MatrixXf s(static_cast<Index>(sample.size()), z.cols());
  uint32_t k = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    s.row(static_cast<Index>(i)) = z.row(sample[i]);
    k = std::max(k, labels[sample[i]] + 1);
  }
  const Eigen::MatrixXf d = squared_distances(s, s).cwiseSqrt();
  double total = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    std::vector<double> sum(k, 0);
    std::vector<uint64_t> count(k, 0);
    for (size_t j = 0; j < sample.size(); ++j) {
      if (j == i) continue;
      sum[labels[sample[j]]] += d(static_cast<Index>(i), static_cast<Index>(j));
      ++count[labels[sample[j]]];
    }
    const uint32_t own = labels[sample[i]];
    if (count[own] == 0) continue;  // alone in its cluster: 0
    const double a = sum[own] / static_cast<double>(count[own]);
    double b = std::numeric_limits<double>::infinity();
    for (uint32_t c = 0; c < k; ++c)
      if (c != own && count[c] > 0) b = std::min(b, sum[c] / static_cast<double>(count[c]));
    if (!std::isfinite(b)) continue;
    const double m = std::max(a, b);
    if (m > 0) total += (b - a) / m;
  }
  return total / static_cast<double>(sample.size());
}

std::vector<uint32_t> sample_rows(size_t rows, size_t n, uint64_t seed) {
  std::vector<uint32_t> all(rows);
  std::iota(all.begin(), all.end(), 0);
  if (n >= rows) return all;
  Rng rng = customer_rng(seed, UINT64_MAX);
  for (size_t i = 0; i < n; ++i) {  // a partial Fisher-Yates shuffle
    const size_t j = i + static_cast<size_t>(rng.next() % (rows - i));
    std::swap(all[i], all[j]);
  }
  all.resize(n);
  std::sort(all.begin(), all.end());
  return all;
}

KChoice choose_k(const Eigen::MatrixXf& z, uint64_t seed, int k_min, int k_max, size_t fit_rows,
                 size_t score_rows) {
  KChoice choice;
  const size_t n = static_cast<size_t>(z.rows());
  if (n < 3) return choice;
  const std::vector<uint32_t> fit = sample_rows(n, fit_rows, seed);
  Eigen::MatrixXf sub(static_cast<Index>(fit.size()), z.cols());
  for (size_t i = 0; i < fit.size(); ++i) sub.row(static_cast<Index>(i)) = z.row(fit[i]);
  const std::vector<uint32_t> scored = sample_rows(fit.size(), score_rows, seed + 1);
  k_max = std::min<int>(k_max, static_cast<int>(n) - 1);
  double best = -std::numeric_limits<double>::infinity();
  for (int k = std::max(2, k_min); k <= k_max; ++k) {
    const Clustering c = kmeans(sub, k, seed, 2);
    const double s = silhouette(sub, c.labels, scored);
    choice.silhouettes.emplace_back(k, s);
    if (s > best + 1e-9) {
      best = s;
      choice.k = k;
    }
  }
  return choice;
}

}  // namespace cjm
