using System.Globalization;
using System.Text;
using System.Text.Json;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Directory = System.IO.Directory;

namespace SesecPortal.IntegrationTests.Search;

public sealed partial class SearchIndexCrashTests
{
    /// <summary>JSON Lines of items whose titles each hold an invented word of their own.</summary>
    private static (List<string> Json, List<ImportedItem> Lines) ImportFile(int articles, int standards, int policies)
    {
        var random = new Random(5);
        var words = new HashSet<string>(StringComparer.Ordinal);
        string Word()
        {
            const string consonants = "bdfgklmnprstvz";
            const string vowels = "aeiou";
            while (true)
            {
                var builder = new StringBuilder();
                for (var i = 0; i < 5; i++)
                {
                    builder.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
                }

                if (words.Add(builder.ToString()))
                {
                    return builder.ToString();
                }
            }
        }

        var items = new List<ImportedItem>();
        var json = new List<string>();
        var kinds = Enumerable.Repeat("article", articles).Concat(Enumerable.Repeat("standard", standards)).Concat(Enumerable.Repeat("policy", policies));
        foreach (var (kind, n) in kinds.OrderBy(_ => random.Next()).Select((k, n) => (k, n)))
        {
            var word = Word();
            var item = new ImportedItem(kind, $"crash-{n}", $"crash-{word}", word);
            var date = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var line = new Dictionary<string, object?> { ["type"] = kind, ["id"] = item.ExternalId, ["slug"] = item.Slug, ["sectors"] = new[] { "ict" } };
            switch (kind)
            {
                case "article":
                    line["title"] = $"{word} pilot projects announced";
                    line["summary"] = "A short takeaway for readers.";
                    line["body"] = "The text of the article, in a few plain words.";
                    line["published_on"] = date;
                    break;
                case "policy":
                    line["title"] = $"Notice on {word} pilot projects";
                    line["issued_on"] = date;
                    break;
                default:
                    line["code"] = $"GB/T {90000 + n}-2024";
                    line["title"] = $"{word} testing methods";
                    line["status"] = "published";
                    line["published_on"] = date;
                    break;
            }

            json.Add(JsonSerializer.Serialize(line));
            items.Add(item);
        }

        return (json, items);
    }

    /// <summary>
    /// Makes the folder what a crash in the middle of a batch leaves: a writer replaces and adds documents (of imported
    /// items, with a title no item has), its segment files reach the disk, and the process dies before the commit; the
    /// lock file stays behind. Returns the number of documents of the last commit.
    /// </summary>
    private static int LeaveHalfABatch(string path, List<ImportedItem> lines)
    {
        var left = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"left-{Guid.NewGuid():N}");
        Directory.CreateDirectory(left);
        int committed;
        using (var directory = FSDirectory.Open(path))
        {
            using (var reader = DirectoryReader.Open(directory))
            {
                committed = reader.NumDocs;
            }

            var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { OpenMode = OpenMode.APPEND });
            foreach (var (line, n) in lines.Take(150).Select((l, n) => (l, n)))
            {
                var key = $"{line.Kind}:{line.Id.ToString(CultureInfo.InvariantCulture)}";
                var document = new Document
                {
                    new StringField("key", key, Field.Store.NO),
                    new StoredField("kind", line.Kind),
                    new StoredField("id", line.Id),
                    new StoredField("slug", line.Slug),
                    new TextField("title", Zombie, Field.Store.YES),
                    new TextField("all", Zombie, Field.Store.NO),
                };
                if (n % 2 == 0)
                {
                    writer.UpdateDocument(new Term("key", key), document);
                }
                else
                {
                    writer.AddDocument(document);
                }
            }

            writer.Flush(triggerMerge: false, applyAllDeletes: true);
            foreach (var file in Directory.EnumerateFiles(path))
            {
                using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(Path.Combine(left, Path.GetFileName(file)));
                source.CopyTo(target);
            }

            writer.Rollback();
        }

        // What the crash left, put back: the rollback above was only this test's way to let go of the folder.
        var files = Directory.EnumerateFiles(left).Select(Path.GetFileName).ToList();
        files.ShouldContain("write.lock");
        foreach (var name in files)
        {
            File.Copy(Path.Combine(left, name!), Path.Combine(path, name!), overwrite: true);
        }

        Directory.Delete(left, recursive: true);
        return committed;
    }
}
