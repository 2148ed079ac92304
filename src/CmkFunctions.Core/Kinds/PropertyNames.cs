namespace CmkFunctions.Core.Kinds;

/// <summary>Names and values of the resource properties the kinds understand.</summary>
public static class PropertyNames
{
    /// <summary>HDInsight cluster type: kafka, hbase, spark, interactive, hadoop.</summary>
    public const string ClusterType = "clusterType";

    /// <summary>HDInsight HBase clusters: accelerated writes (true/false).</summary>
    public const string AcceleratedWrites = "acceleratedWrites";

    /// <summary>Managed Redis tier: MemoryOptimized, Balanced, ComputeOptimized, FlashOptimized.</summary>
    public const string Tier = "tier";

    /// <summary>Machine Learning high business impact workspace (true/false); only at creation.</summary>
    public const string HbiWorkspace = "hbiWorkspace";

    public const string Kafka = "kafka";
    public const string HBase = "hbase";
    public const string FlashOptimized = "FlashOptimized";
}
