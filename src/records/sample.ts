/**
 * The dialect-free metrics sample: what every agent report becomes at the gateway's edge (envelope
 * `metrics` events and simple-dialect `metrics` frames alike). Units follow what agents report and
 * what the console shows: percentages 0–100, disk throughput in megabytes/s (MBps), network in
 * megabits/s (Mbps), sizes in GB, load normalised per logical CPU (load ÷ cores).
 * Optional fields are absent when the agent does not report them (seed-002 agents send none).
 */
export type { LiveSample as Sample, SampleDisk, SampleGpu, SampleInterface } from '@hivewatch/protocol';
