namespace CmkFunctions.Core.Kinds;

/// <summary>When a disk of some kind takes the resource's customer-managed key.</summary>
public enum DiskCmkCondition
{
    Always,
    Never,

    /// <summary>HDInsight data disks: only Kafka clusters and HBase clusters with accelerated writes.</summary>
    KafkaOrHBaseWithAcceleratedWrites,

    /// <summary>Machine Learning scratch disks: only workspaces created with <c>hbiWorkspace</c>.</summary>
    HbiWorkspace,
}
