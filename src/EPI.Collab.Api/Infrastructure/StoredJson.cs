using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Storage;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Marten's System.Text.Json serializer (enums as strings, camelCase), except that a JSON column of a row Marten has
/// already read is deserialised synchronously. Marten reads rows without <c>CommandBehavior.SequentialAccess</c>, so the
/// whole row is in memory once <c>ReadAsync</c> returns; its async path (a Stream per column, System.Text.Json's
/// resumable async deserializer) then costs several times the synchronous one and was the largest single cost of a
/// projection rebuild (issue #7, S4: every event of the table passes through here).
/// </summary>
public sealed class StoredJson : Marten.Services.SystemTextJsonSerializer, IStorageSerializer
{
    public StoredJson()
    {
        EnumStorage = EnumStorage.AsString;
        Casing = Casing.CamelCase;
    }

    ValueTask<T> IStorageSerializer.FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken) =>
        new(FromJson<T>(reader, index));

    ValueTask<object> IStorageSerializer.FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken) =>
        new(FromJson(type, reader, index));
}
