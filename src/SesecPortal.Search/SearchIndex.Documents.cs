using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SesecPortal.Search.Analysis;
using Directory = Lucene.Net.Store.Directory;

namespace SesecPortal.Search;

/// <summary>A <see cref="SearchDocument"/> as the Lucene document the index stores and searches.</summary>
public sealed partial class SearchIndex
{
    private Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(Fields.Key, Fields.KeyOf(d.Kind, d.Id), Field.Store.NO),
            new StoredField(Fields.Kind, d.Kind),
            new StoredField(Fields.Id, d.Id),
            new StoredField(Fields.Slug, d.Slug),
            new TextField(Fields.Title, d.Title, Field.Store.YES),
            new TextField(Fields.All, d.Title, Field.Store.NO),
            new SortedDocValuesField(Fields.TitleSort, new BytesRef(SortKey(d.Title))),
            new NumericDocValuesField(Fields.Date, d.Date?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.EffectiveOn, d.EffectiveOn?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.WithdrawnOn, d.WithdrawnOn?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.SupersededOn, d.SupersededOn?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.Changed, d.ChangedAt?.UtcTicks ?? long.MinValue),
            new SortedDocValuesField(Fields.KeySort, new BytesRef(Fields.KeyOf(d.Kind, d.Id))),
        };

        AddDates(doc, d);
        AddTexts(doc, d);
        AddFacets(doc, d);
        return doc;
    }

    private static void AddDates(Document doc, SearchDocument d)
    {
        if (d.ChangedAt is { } changed)
        {
            doc.Add(new Int64Field(Fields.Changed, changed.UtcTicks, Field.Store.YES));
        }

        if (d.Date is { } date)
        {
            doc.Add(new StoredField(Fields.Date, date.DayNumber));
        }
    }

    /// <summary>The searched texts, in this order: the all-text field's positions (phrases) follow it.</summary>
    private void AddTexts(Document doc, SearchDocument d)
    {
        if (!string.IsNullOrWhiteSpace(d.TitleZh))
        {
            doc.Add(new TextField(Fields.TitleZh, d.TitleZh, Field.Store.YES));
            doc.Add(new TextField(Fields.TitleZhBigrams, d.TitleZh, Field.Store.NO));
        }

        if (!string.IsNullOrWhiteSpace(d.Code))
        {
            doc.Add(new StoredField(Fields.Code, d.Code));
            doc.Add(new TextField(Fields.Title, d.Code, Field.Store.NO));
            doc.Add(new TextField(Fields.All, d.Code, Field.Store.NO));
            doc.Add(new SortedDocValuesField(Fields.CodeSort, new BytesRef(SortKey(string.IsNullOrWhiteSpace(d.CodeSortKey) ? d.Code : d.CodeSortKey))));
        }

        foreach (var key in d.CodeKeys.Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(Fields.CodeKeys, key, Field.Store.NO));
        }

        if (!string.IsNullOrWhiteSpace(d.Summary))
        {
            doc.Add(new TextField(Fields.Summary, d.Summary, Field.Store.YES));
            doc.Add(new TextField(Fields.All, d.Summary, Field.Store.NO));
        }

        if (!string.IsNullOrWhiteSpace(d.Body))
        {
            doc.Add(new TextField(Fields.All, d.Body, Field.Store.NO));
            doc.Add(new StoredField(Fields.BodyStored, d.Body.Length <= Options.StoredBodyLength ? d.Body : d.Body[..Options.StoredBodyLength]));
        }

        foreach (var related in d.Related.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            doc.Add(new TextField(Fields.All, related, Field.Store.NO));
        }
    }

    private static void AddFacets(Document doc, SearchDocument d)
    {
        if (d.Status is not null)
        {
            doc.Add(new SortedDocValuesField(Fields.Status, new BytesRef(d.Status)));
        }

        AddFacet(doc, "kind", d.Kind);
        foreach (var (name, values) in d.Facets)
        {
            if (name is "kind" or "status" || values is null)
            {
                continue;
            }

            foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal))
            {
                AddFacet(doc, name, value);
            }
        }
    }

    private static void AddFacet(Document doc, string name, string value)
    {
        var field = Fields.Facet(name);
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    private static string SortKey(string text)
    {
        var key = text.Trim().ToLowerInvariant();
        return key.Length <= 100 ? key : key[..100];
    }

}
