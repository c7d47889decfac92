# Reference values for src/domain/statistics, computed with base R and psych from the fixtures.
#   Rscript src/domain/statistics/reference.R [out.json]     (default: reference.json beside this script)
# reference.test.ts runs this whenever Rscript is present and compares our functions with the fresh output;
# reference.json (committed) must equal it. Needs only r-base-core and r-cran-psych (no jsonlite).
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
out <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(out)) out <- file.path(here, "reference.json")
read <- function(name) read.csv(file.path(here, "fixtures", name), na.strings = "")

# ---- JSON without packages: named lists are objects, unnamed lists arrays, numbers with 17 digits, NA null.
# One object member or array row per line, so a change to the reference shows as a readable diff.
json <- function(v, indent = "") {
  if (is.list(v)) {
    nested <- any(vapply(v, function(e) is.list(e) || length(e) > 1, TRUE))
    inner <- vapply(v, json, "", indent = paste0(indent, "  "))
    sep <- if (nested || !is.null(names(v))) paste0(",\n", indent, "  ") else ","
    open <- if (sep == ",") "" else paste0("\n", indent, "  ")
    close <- if (sep == ",") "" else paste0("\n", indent)
    if (is.null(names(v))) return(paste0("[", open, paste(inner, collapse = sep), close, "]"))
    return(paste0("{", open, paste0("\"", names(v), "\": ", inner, collapse = sep), close, "}"))
  }
  if (length(v) != 1) return(json(as.list(unname(v)), indent))
  if (is.character(v)) return(paste0("\"", gsub("([\"\\\\])", "\\\\\\1", v), "\""))
  if (is.logical(v) && !is.na(v)) return(if (v) "true" else "false")
  if (is.na(v)) return("null")
  if (!is.finite(v)) stop("non-finite number in the reference")
  short <- sprintf("%.15g", v)
  if (as.numeric(short) == v) short else sprintf("%.17g", v) # shortest of the two that reads back exactly
}
rows <- function(m) lapply(seq_len(nrow(m)), function(i) unname(as.list(m[i, ])))

# ---- Distribution functions on a grid (df2 of qf and the df of qt stay ≤ 4e5, where R itself switches to approximations).
grid <- function(...) as.matrix(expand.grid(..., KEEP.OUT.ATTRS = FALSE))
# (R warns that pt(ncp) is not at full precision where it is within 1e-10 of 1; the values are still far inside 1e-6.)
with_value <- function(g, f) rows(cbind(g, apply(g, 1, function(r) suppressWarnings(do.call(f, as.list(r))))))
pairs <- function(...) do.call(rbind, list(...))
beta_pairs <- pairs(c(0.5, 0.5), c(0.5, 20), c(2, 3), c(20, 0.5), c(40, 800), c(5000, 200), c(2.5, 3000))
f_pairs <- pairs(c(1, 1), c(2, 10), c(5.5, 30.2), c(59, 177), c(249, 1743), c(2999, 1e5))
expand <- function(v, p) cbind(rep(v, each = nrow(p)), p[rep(seq_len(nrow(p)), length(v)), , drop = FALSE])
distributions <- list(
  pnorm = with_value(grid(x = c(-37.5, -20, -8, -5, -3, -1.96, -1, -0.3, 0, 0.1, 0.8, 1.64, 2.5, 6, 9)), function(x) pnorm(x)),
  qnorm = with_value(grid(p = c(1e-300, 1e-100, 1e-20, 1e-8, 1e-4, 0.001, 0.025, 0.1, 0.3, 0.5, 0.6, 0.9, 0.975, 0.999, 1 - 1e-12)),
                     function(p) qnorm(p)),
  lgamma = with_value(grid(x = c(1e-8, 0.01, 0.5, 1, 1.5, 2, 3.3, 7.7, 9.999, 10, 10.5, 55.5, 1234.5, 1e6, 1e9)), function(x) lgamma(x)),
  pbeta = with_value(expand(c(0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999), beta_pairs), function(x, a, b) pbeta(x, a, b)),
  qbeta = with_value(expand(c(1e-6, 0.025, 0.5, 0.975, 1 - 1e-6), beta_pairs), function(p, a, b) qbeta(p, a, b)),
  pt = with_value(grid(t = c(-40, -6, -2.5, -1, -0.01, 0, 0.5, 2, 3.5, 12), df = c(1, 2.5, 7, 29.7, 120, 1e4, 3e5)),
                  function(t, df) pt(t, df)),
  qt = with_value(grid(p = c(1e-10, 1e-4, 0.025, 0.2, 0.45, 0.5, 0.55, 0.9, 0.975, 0.9999), df = c(1, 2, 3.3, 10, 59, 250.5, 1e5)),
                  function(p, df) qt(p, df)),
  pf = with_value(expand(c(0.01, 0.5, 1, 1.2, 3, 20), f_pairs), function(f, d1, d2) pf(f, d1, d2)),
  qf = with_value(expand(c(0.001, 0.025, 0.5, 0.975, 0.999), f_pairs), function(p, d1, d2) qf(p, d1, d2)),
  ptNoncentral = with_value(expand(c(-3, -0.5, 0, 0.7, 2, 5, 15),
                                   pairs(c(5, 1), c(10, -2), c(29, 0.4), c(59, 3.3), c(200, -0.8), c(30, 38))),
                            function(t, df, ncp) pt(t, df, ncp))
)

# ---- Scales: descriptives, alpha and omega, with pairwise and complete-case handling.
# Respondents without any answer are left out of alpha and omega (psych would count them in n).
by_column <- function(values, all_names) unname(lapply(all_names, function(n) if (n %in% names(values)) values[[n]] else NA))

alpha_ref <- function(x) {
  a <- suppressWarnings(psych::alpha(x, warnings = FALSE))
  drop <- setNames(a$alpha.drop$raw_alpha, sub("-$", "", rownames(a$alpha.drop)))
  rdrop <- setNames(a$item.stats$r.drop, sub("-$", "", rownames(a$item.stats)))
  list(n = nrow(x), k = a$nvar, alpha = a$total$raw_alpha,
       lower = unname(unlist(a$feldt$lower.ci)), upper = unname(unlist(a$feldt$upper.ci)),
       itemRestCorrelation = by_column(as.list(rdrop), names(x)),
       alphaIfDeleted = if (a$nvar > 2) by_column(as.list(drop), names(x)) else as.list(rep(NA, ncol(x))))
}

omega_ref <- function(x) {
  keep <- names(x)[vapply(x, function(v) isTRUE(var(v, na.rm = TRUE) > 0), TRUE)]
  r <- cor(x[, keep], use = "pairwise")
  f <- fa(r, nfactors = 1, fm = "ml", rotate = "none", warnings = FALSE)
  flip <- ifelse(f$loadings[, 1] < 0, -1, 1)
  v <- sum(outer(flip, flip) * r)
  omega_t <- (v - sum(f$uniquenesses)) / v
  # psych::omega computes the same from the same fa(); it needs GPArotation, so it is a cross-check where available.
  if (requireNamespace("GPArotation", quietly = TRUE)) {
    o <- suppressWarnings(suppressMessages(omega(x[, keep], nfactors = 1, fm = "ml", plot = FALSE)))
    stopifnot(abs(o$omega.tot - omega_t) < 1e-12)
  }
  list(n = nrow(x), omegaTotal = omega_t,
       loadings = by_column(as.list(f$loadings[, 1]), names(x)),
       uniquenesses = by_column(as.list(f$uniquenesses), names(x)))
}

scale_ref <- function(file, min, max) {
  x <- read(file)[, -1]
  score <- rowMeans(x, na.rm = TRUE)
  score[is.nan(score)] <- NA
  s <- score[!is.na(score)]
  q <- quantile(s, c(0.25, 0.75))
  answered <- x[rowSums(!is.na(x)) > 0, ]
  complete <- na.omit(x)
  list(
    range = list(min = min, max = max),
    descriptives = list(n = length(s), missing = sum(is.na(score)), mean = mean(s), sd = sd(s), median = median(s),
                        q1 = unname(q[1]), q3 = unname(q[2]), iqr = IQR(s), min = min(s), max = max(s),
                        floorShare = mean(s <= min + 1e-9 * (max - min)), ceilingShare = mean(s >= max - 1e-9 * (max - min)),
                        missingPerItem = unname(colSums(is.na(x)))),
    alpha = list(pairwise = alpha_ref(answered), complete = alpha_ref(complete)),
    omega = list(pairwise = omega_ref(answered), complete = omega_ref(complete))
  )
}

# ---- Change. Cohen's d_z and Hedges' g intervals: the noncentral t inverted by uniroot on R's pt(ncp).
nct_interval <- function(t, df) {
  solve <- function(target) uniroot(function(ncp) suppressWarnings(pt(t, df, ncp)) - target, t + c(-1, 1) * (10 + abs(t)),
                                    tol = 1e-13, maxiter = 1000)$root
  c(lower = solve(0.975), upper = solve(0.025))
}
t_ref <- function(tt) list(estimate = unname(if (length(tt$estimate) == 2) -diff(tt$estimate) else tt$estimate),
                           stderr = tt$stderr, t = unname(tt$statistic), df = unname(tt$parameter), p = tt$p.value,
                           lower = tt$conf.int[1], upper = tt$conf.int[2])
rank_ref <- function(w) list(statistic = unname(w$statistic), p = w$p.value)

paired <- read("paired.csv")
paired_ref <- function(scale) {
  x <- paired[[paste0(scale, "_t1")]]
  y <- paired[[paste0(scale, "_t0")]]
  d <- (x - y)[!is.na(x - y)]
  dz <- mean(d) / sd(d)
  ci <- nct_interval(dz * sqrt(length(d)), length(d) - 1) / sqrt(length(d))
  list(n = length(d), t = t_ref(t.test(x, y, paired = TRUE)),
       wilcoxon = c(rank_ref(wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)), list(nNonZero = sum(d != 0))),
       dz = list(estimate = dz, lower = unname(ci["lower"]), upper = unname(ci["upper"])))
}

groups <- read("groups.csv")
groups_ref <- function(scale) {
  x <- groups[[scale]][groups$group == "home_care"]
  y <- groups[[scale]][groups$group == "nursing_home"]
  a <- x[!is.na(x)]
  b <- y[!is.na(y)]
  df <- length(a) + length(b) - 2
  d <- (mean(a) - mean(b)) / sqrt(((length(a) - 1) * var(a) + (length(b) - 1) * var(b)) / df)
  j <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
  scale_t <- sqrt(length(a) * length(b) / (length(a) + length(b)))
  ci <- nct_interval(d * scale_t, df) / scale_t * j
  list(welch = t_ref(t.test(x, y)), mannWhitney = rank_ref(wilcox.test(x, y, exact = FALSE, correct = TRUE)),
       hedgesG = list(estimate = j * d, d = d, j = j, lower = unname(ci["lower"]), upper = unname(ci["upper"])))
}

reference <- list(
  generatedBy = list(r = R.version.string, psych = as.character(packageVersion("psych"))),
  distributions = distributions,
  scales = list(a = scale_ref("scale-a.csv", 1, 5), b = scale_ref("scale-b.csv", 1, 4), c = scale_ref("scale-c.csv", 1, 5)),
  paired = list(digital = paired_ref("digital"), trust = paired_ref("trust")),
  groups = list(digital = groups_ref("digital"), trust = groups_ref("trust"))
)
writeLines(json(reference), out)
