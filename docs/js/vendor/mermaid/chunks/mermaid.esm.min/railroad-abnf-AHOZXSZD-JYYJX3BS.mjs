import{a as r,b as o}from"./chunk-66DQ2XMT.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{r as RailroadAbnfModule,o as createRailroadAbnfServices};
