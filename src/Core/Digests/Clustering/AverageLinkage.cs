namespace VeerkrachtBot.Core.Digests.Clustering;

/// <summary>
/// Agglomerative clustering with average linkage (UPGMA) on cosine similarity, stopped at a threshold: two groups
/// merge while the mean similarity over all pairs between them is at least the threshold, best pair first.
/// </summary>
/// <remarks>
/// With unit-length vectors the mean pairwise similarity of two groups is the dot product of their sum vectors
/// divided by both sizes, so a group is kept as one sum vector. Two groups can only reach the threshold on average
/// when at least one pair between them does, so only pairs of items at or above the threshold (found through an
/// inverted index) are ever candidates: the result equals the textbook algorithm without its n² matrix.
/// Deterministic: the same vectors in the same order give the same groups; ties go to the lower indices.
/// </remarks>
internal static class AverageLinkage
{
    /// <summary>Room for rounding in the pair search's bounds: a pair is only left out when it is clearly below the threshold.</summary>
    private const double Slack = 1e-9;

    /// <summary>A group number per vector (0, 1, 2, … in order of each group's first member).</summary>
    public static int[] Cluster(IReadOnlyList<SparseVector> vectors, double threshold)
    {
        var n = vectors.Count;
        var nodes = Deduplicate(vectors, out var nodeOf);
        var count = nodes.Count;
        var sums = new SparseVector[count];
        var sizes = new int[count];
        var versions = new int[count];
        var parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            sums[i] = vectors[nodes[i].First].Scaled(nodes[i].Count);
            sizes[i] = nodes[i].Count;
            parent[i] = i;
        }

        var queue = new PriorityQueue<Candidate, Candidate>(CandidateOrder.Instance);
        // Filled at once, the queue is built in linear time.
        queue.EnqueueRange(PairsAtLeast(nodes.Select(node => vectors[node.First]).ToList(), threshold).Select(pair => new Candidate(pair.Similarity, pair.A, pair.B, 0, 0)).Select(candidate => (candidate, candidate)));

        // Lazy updates: after A and B merge, the mean similarity of AB to any C lies between those of A and B to C, so
        // the old entries stay upper bounds. An entry whose groups changed is recomputed when it comes up and queued
        // again; an entry that comes up unchanged is exact and at least every bound left, so it is the best pair.
        var recomputed = new Dictionary<long, long>();
        while (queue.TryDequeue(out var best, out _))
        {
            var a = Find(parent, best.A);
            var b = Find(parent, best.B);
            if (a == b)
            {
                continue;
            }

            if (a != best.A || b != best.B || versions[a] != best.VersionA || versions[b] != best.VersionB)
            {
                // Many old entries (one per pair of members) lead to the same two groups: their similarity is worked out
                // once per version of both, and what that gave is already queued or below the threshold.
                var (low, high) = a < b ? (a, b) : (b, a);
                var pair = ((long)low << 32) | (uint)high;
                var version = ((long)versions[low] << 32) | (uint)versions[high];
                if (recomputed.TryGetValue(pair, out var done) && done == version)
                {
                    continue;
                }

                recomputed[pair] = version;
                var similarity = sums[a].Dot(sums[b]) / ((double)sizes[a] * sizes[b]);
                if (similarity >= threshold)
                {
                    var fresh = new Candidate(similarity, low, high, versions[low], versions[high]);
                    queue.Enqueue(fresh, fresh);
                }

                continue;
            }

            // The merged group keeps the lower index, so numbering does not depend on merge order details.
            sums[a] = sums[a].Plus(sums[b]);
            sizes[a] += sizes[b];
            versions[a]++;
            parent[b] = a;
        }

        // Follow merges: a node belongs to the group that absorbed it.
        var root = new int[count];
        for (var i = 0; i < count; i++)
        {
            root[i] = Find(parent, i);
        }

        return Label(n, nodeOf, root);
    }

    private static int Find(int[] parent, int i)
    {
        var root = i;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[i] != root)
        {
            var next = parent[i];
            parent[i] = root;
            i = next;
        }

        return root;
    }

    private static int[] Label(int n, int[] nodeOf, int[] rootOfNode)
    {
        var labels = new int[n];
        var numbers = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var root = rootOfNode[nodeOf[i]];
            if (!numbers.TryGetValue(root, out var number))
            {
                number = numbers.Count;
                numbers[root] = number;
            }

            labels[i] = number;
        }

        return labels;
    }

    /// <summary>Identical vectors become one node with a count: exact copies cost nothing in the pair search.</summary>
    private static List<(int First, int Count)> Deduplicate(IReadOnlyList<SparseVector> vectors, out int[] nodeOf)
    {
        nodeOf = new int[vectors.Count];
        var nodes = new List<(int First, int Count)>();
        var byHash = new Dictionary<long, List<int>>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var hash = Hash(vectors[i]);
            if (!byHash.TryGetValue(hash, out var sameHash))
            {
                byHash[hash] = sameHash = [];
            }

            var found = sameHash.FirstOrDefault(node => vectors[nodes[node].First].SameAs(vectors[i]), -1);
            if (found < 0)
            {
                found = nodes.Count;
                nodes.Add((i, 0));
                sameHash.Add(found);
            }

            nodes[found] = (nodes[found].First, nodes[found].Count + 1);
            nodeOf[i] = found;
        }

        return nodes;
    }

    private static long Hash(SparseVector vector)
    {
        var hash = new HashCode();
        for (var i = 0; i < vector.Count; i++)
        {
            hash.Add(vector.Indices[i]);
            hash.Add(vector.Values[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// Every pair (a &lt; b) whose cosine similarity is at least the threshold, exactly, by the all-pairs search of
    /// Bayardo, Ma and Srikant (2007): a vector's most common features, as long as they could add less than the
    /// threshold to any dot product even together, stay out of the inverted index, so a common word or theme does not
    /// make every pair a candidate; each candidate found through the rarer features gets its full dot product.
    /// </summary>
    private static List<(int A, int B, double Similarity)> PairsAtLeast(List<SparseVector> vectors, double threshold)
    {
        // Features are numbered 0, 1, 2, … per batch, so arrays stand in for dictionaries.
        var features = 0;
        foreach (var v in vectors)
        {
            features = Math.Max(features, v.Count == 0 ? 0 : v.Indices[^1] + 1);
        }

        var frequency = new int[features];
        var maxWeight = new double[features];
        foreach (var v in vectors)
        {
            for (var k = 0; k < v.Count; k++)
            {
                frequency[v.Indices[k]]++;
                maxWeight[v.Indices[k]] = Math.Max(maxWeight[v.Indices[k]], v.Values[k]);
            }
        }

        var postings = new List<(int Item, double Weight)>?[features];
        var unindexedBound = new double[vectors.Count];
        var partial = new double[vectors.Count];
        var seen = new int[vectors.Count];
        var dense = new double[features];
        var pairs = new List<(int A, int B, double Similarity)>();
        var touched = new List<int>();
        for (var a = 0; a < vectors.Count; a++)
        {
            var v = vectors[a];
            for (var k = 0; k < v.Count; k++)
            {
                dense[v.Indices[k]] = v.Values[k];
                if (postings[v.Indices[k]] is not { } list)
                {
                    continue;
                }

                foreach (var (b, weight) in list)
                {
                    if (seen[b] != a + 1)
                    {
                        seen[b] = a + 1;
                        partial[b] = 0;
                        touched.Add(b);
                    }

                    partial[b] += v.Values[k] * weight;
                }
            }

            foreach (var b in touched)
            {
                // The indexed part is exact; the rest of b can add at most its bound. Only a pair that may reach the threshold gets its full product.
                if (partial[b] + unindexedBound[b] < threshold)
                {
                    continue;
                }

                var candidate = vectors[b];
                var similarity = 0.0;
                for (var k = 0; k < candidate.Count; k++)
                {
                    similarity += dense[candidate.Indices[k]] * candidate.Values[k];
                }

                if (similarity >= threshold)
                {
                    pairs.Add((b, a, similarity));
                }
            }

            touched.Clear();
            for (var k = 0; k < v.Count; k++)
            {
                dense[v.Indices[k]] = 0;
            }

            // Index this vector's rarer features: its most common ones stay out while together they stay under the
            // threshold. Two bounds hold for what they add to a product with any later vector: each weight times the
            // feature's largest weight anywhere, and (both vectors of length 1) the length of the part left out.
            var byFrequency = new int[v.Count];
            var keys = new long[v.Count];
            for (var k = 0; k < v.Count; k++)
            {
                byFrequency[k] = k;
                keys[k] = ((long)-frequency[v.Indices[k]] << 32) | (uint)v.Indices[k];
            }

            Array.Sort(keys, byFrequency);
            var bound = 0.0;
            var squares = 0.0;
            foreach (var k in byFrequency)
            {
                var next = bound + v.Values[k] * maxWeight[v.Indices[k]];
                var nextSquares = squares + v.Values[k] * v.Values[k];
                if (Math.Min(next, Math.Sqrt(nextSquares)) < threshold - Slack)
                {
                    bound = next;
                    squares = nextSquares;
                    continue;
                }

                (postings[v.Indices[k]] ??= []).Add((a, v.Values[k]));
            }

            unindexedBound[a] = Math.Min(bound, Math.Sqrt(squares)) + Slack;
        }

        return pairs;
    }

    private readonly record struct Candidate(double Similarity, int A, int B, int VersionA, int VersionB);

    /// <summary>Highest similarity first; ties to the lowest pair of indices, so the order never depends on the queue.</summary>
    private sealed class CandidateOrder : IComparer<Candidate>
    {
        public static readonly CandidateOrder Instance = new();

        public int Compare(Candidate x, Candidate y)
        {
            var bySimilarity = y.Similarity.CompareTo(x.Similarity);
            if (bySimilarity != 0)
            {
                return bySimilarity;
            }

            var byA = x.A.CompareTo(y.A);
            return byA != 0 ? byA : x.B.CompareTo(y.B);
        }
    }
}
