namespace VeerkrachtBot.Core.Digests.Clustering;

/// <summary>A sparse vector: ascending feature indices and their weights.</summary>
internal sealed class SparseVector(int[] indices, double[] values)
{
    public int[] Indices { get; } = indices;

    public double[] Values { get; } = values;

    public int Count => Indices.Length;

    /// <summary>From feature weights in any order; zero weights are dropped.</summary>
    public static SparseVector From(IEnumerable<KeyValuePair<int, double>> weights)
    {
        var sorted = weights.Where(w => w.Value != 0).OrderBy(w => w.Key).ToArray();
        return new SparseVector(sorted.Select(w => w.Key).ToArray(), sorted.Select(w => w.Value).ToArray());
    }

    public double Norm()
    {
        var sum = 0.0;
        foreach (var v in Values)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>This vector scaled to length 1 (an empty vector stays empty).</summary>
    public SparseVector Normalized()
    {
        var norm = Norm();
        return norm == 0 ? this : Scaled(1 / norm);
    }

    public SparseVector Scaled(double factor) => new(Indices, Values.Select(v => v * factor).ToArray());

    public double Dot(SparseVector other)
    {
        // A group's sum holds thousands of features, a message a few dozen: then each of the short vector's features is
        // searched in the long one instead of walking both. Either way the products are added in ascending feature order,
        // so the result is the same to the last bit.
        if (Indices.Length * 4 < other.Indices.Length)
        {
            return SearchDot(this, other);
        }

        if (other.Indices.Length * 4 < Indices.Length)
        {
            return SearchDot(other, this);
        }

        double sum = 0;
        int i = 0, j = 0;
        while (i < Indices.Length && j < other.Indices.Length)
        {
            var a = Indices[i];
            var b = other.Indices[j];
            if (a == b)
            {
                sum += Values[i++] * other.Values[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    private static double SearchDot(SparseVector shorter, SparseVector longer)
    {
        // Galloping: from where the last feature was found, steps of 1, 2, 4, … pass the next feature, then a binary
        // search inside the last step.
        double sum = 0;
        var from = 0;
        var indices = longer.Indices;
        for (var i = 0; i < shorter.Indices.Length && from < indices.Length; i++)
        {
            var feature = shorter.Indices[i];
            var step = 1;
            var low = from;
            while (from + step < indices.Length && indices[from + step] < feature)
            {
                low = from + step;
                step <<= 1;
            }

            var high = Math.Min(from + step, indices.Length - 1);
            var j = Array.BinarySearch(indices, low, high - low + 1, feature);
            if (j >= 0)
            {
                sum += shorter.Values[i] * longer.Values[j];
                from = j + 1;
            }
            else
            {
                from = ~j;
            }
        }

        return sum;
    }

    /// <summary>The sum of two vectors.</summary>
    public SparseVector Plus(SparseVector other)
    {
        var indices = new int[Indices.Length + other.Indices.Length];
        var values = new double[indices.Length];
        int i = 0, j = 0, n = 0;
        while (i < Indices.Length || j < other.Indices.Length)
        {
            if (j == other.Indices.Length || (i < Indices.Length && Indices[i] < other.Indices[j]))
            {
                indices[n] = Indices[i];
                values[n++] = Values[i++];
            }
            else if (i == Indices.Length || other.Indices[j] < Indices[i])
            {
                indices[n] = other.Indices[j];
                values[n++] = other.Values[j++];
            }
            else
            {
                indices[n] = Indices[i];
                values[n++] = Values[i++] + other.Values[j++];
            }
        }

        Array.Resize(ref indices, n);
        Array.Resize(ref values, n);
        return new SparseVector(indices, values);
    }

    /// <summary>Whether both hold exactly the same weights.</summary>
    public bool SameAs(SparseVector other) => ReferenceEquals(this, other) || Indices.AsSpan().SequenceEqual(other.Indices) && Values.AsSpan().SequenceEqual(other.Values);
}
