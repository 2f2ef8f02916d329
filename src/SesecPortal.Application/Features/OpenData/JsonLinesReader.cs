using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>A line of a JSON Lines file: its text, or why it has none (too long, not UTF-8).</summary>
public readonly record struct RawLine(int Number, string? Text, string? Error);

/// <summary>
/// Reads a JSON Lines stream one line at a time without holding the file: a line longer than the cap is skipped to its
/// end and reported, a line that is not UTF-8 is reported, and reading carries on with the next line.
/// </summary>
public static class JsonLinesReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="bytesRead">Told how many bytes have been read so far (for a progress bar).</param>
    public static async IAsyncEnumerable<RawLine> ReadAsync(Stream stream, int maxLineBytes, Action<long>? bytesRead = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new ArrayBufferWriter<byte>(4096);
        var number = 0;
        var tooLong = false;
        long total = 0;
        long lineLength = 0;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(), ct);
                if (read == 0)
                {
                    break;
                }

                total += read;
                bytesRead?.Invoke(total);
                var start = 0;
                while (start < read)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    var end = newline < 0 ? read : newline;
                    var chunk = buffer.AsSpan(start, end - start);
                    lineLength += chunk.Length;
                    if (!tooLong)
                    {
                        if (line.WrittenCount + chunk.Length > maxLineBytes)
                        {
                            tooLong = true;
                            line.ResetWrittenCount();
                        }
                        else
                        {
                            line.Write(chunk);
                        }
                    }

                    if (newline < 0)
                    {
                        break;
                    }

                    number++;
                    var result = Finish(number, line.WrittenSpan, tooLong, lineLength, maxLineBytes);
                    line.ResetWrittenCount();
                    tooLong = false;
                    lineLength = 0;
                    if (result is { } r)
                    {
                        yield return r;
                    }

                    start = newline + 1;
                }
            }

            if (line.WrittenCount > 0 || tooLong)
            {
                // The last line has no newline: a file cut short ends here; JSON parsing says whether the line is whole.
                number++;
                if (Finish(number, line.WrittenSpan, tooLong, lineLength, maxLineBytes) is { } r)
                {
                    yield return r;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RawLine? Finish(int number, ReadOnlySpan<byte> bytes, bool tooLong, long length, int max)
    {
        if (tooLong)
        {
            return new RawLine(number, null, $"the line is {length:N0} bytes long; lines are limited to {max:N0} bytes, so it was skipped.");
        }

        if (number == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (bytes.IsWhiteSpace())
        {
            return null;
        }

        try
        {
            return new RawLine(number, StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException ex)
        {
            return new RawLine(number, null, $"the line is not UTF-8 text ({ex.Message.TrimEnd('.')}); save the file as UTF-8.");
        }
    }

    private static bool IsWhiteSpace(this ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
