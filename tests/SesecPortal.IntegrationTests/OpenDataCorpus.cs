using System.Diagnostics;

namespace SesecPortal.IntegrationTests;

/// <summary>Runs <c>shared/bench/corpus.py</c> (found beside the repository) to make an interchange file for a test.</summary>
internal static class OpenDataCorpus
{
    public static async Task<byte[]> GenerateAsync(int articles, int standards, int policies, int seed = 1)
    {
        var script = FindScript();
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, "--articles", $"{articles}", "--standards", $"{standards}", "--policies", $"{policies}", "--seed", $"{seed}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = await process.StandardError.ReadToEndAsync();
        await copy;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"corpus.py failed: {error}");
        }

        return output.ToArray();
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", "corpus.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/bench/corpus.py was not found beside the repository.");
    }
}
