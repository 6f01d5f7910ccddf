using System.Buffers.Binary;
using System.IO.Compression;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>
/// Reads an 8-bit RGBA PNG (what the Teams icons are) into pixels, so a test can check sizes and transparency.
/// Small on purpose: only colour type 6, bit depth 8, no interlacing; anything else is reported, not guessed.
/// </summary>
internal sealed record Png(int Width, int Height, byte[] Rgba)
{
    public (byte R, byte G, byte B, byte A) this[int x, int y] => (Rgba[(y * Width + x) * 4], Rgba[(y * Width + x) * 4 + 1], Rgba[(y * Width + x) * 4 + 2], Rgba[(y * Width + x) * 4 + 3]);

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            throw new InvalidDataException(path + " is not a PNG.");
        }

        int width = 0, height = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var chunk = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                if (chunk[8] != 8 || chunk[9] != 6 || chunk[12] != 0)
                {
                    throw new InvalidDataException($"{path}: bit depth {chunk[8]}, colour type {chunk[9]}, interlace {chunk[12]}; expected 8-bit RGBA, not interlaced.");
                }
            }
            else if (type == "IDAT")
            {
                data.Write(chunk);
            }

            at += 12 + length;
        }

        data.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new Png(width, height, Unfilter(inflated.ToArray(), width, height));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        const int bpp = 4;
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                var left = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                var up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                var upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                pixels[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + left,
                    2 => value + up,
                    3 => value + ((left + up) >> 1),
                    4 => value + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException("Unknown PNG filter " + filter),
                });
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
