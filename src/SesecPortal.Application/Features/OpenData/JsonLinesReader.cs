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
        var line = new PendingLine(maxLineBytes);
        long total = 0;
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
                    line.Append(buffer.AsSpan(start, end - start));
                    if (newline < 0)
                    {
                        break;
                    }

                    if (line.End() is { } r)
                    {
                        yield return r;
                    }

                    start = newline + 1;
                }
            }

            // The last line has no newline: a file cut short ends here; JSON parsing says whether the line is whole.
            if (line.HasBytes && line.End() is { } last)
            {
                yield return last;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The line being read: its bytes up to the cap (past it, only its length is counted), and the number it will have.</summary>
    private sealed class PendingLine(int maxLineBytes)
    {
        private readonly ArrayBufferWriter<byte> bytes = new(4096);
        private int number;
        private bool tooLong;
        private long length;

        public bool HasBytes => bytes.WrittenCount > 0 || tooLong;

        public void Append(ReadOnlySpan<byte> chunk)
        {
            length += chunk.Length;
            if (tooLong)
            {
                return;
            }

            if (bytes.WrittenCount + chunk.Length > maxLineBytes)
            {
                tooLong = true;
                bytes.ResetWrittenCount();
            }
            else
            {
                bytes.Write(chunk);
            }
        }

        /// <summary>Ends the line (at its newline or at the end of the file); null for a blank line.</summary>
        public RawLine? End()
        {
            number++;
            var result = Finish(number, bytes.WrittenSpan, tooLong, length, maxLineBytes);
            bytes.ResetWrittenCount();
            tooLong = false;
            length = 0;
            return result;
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
