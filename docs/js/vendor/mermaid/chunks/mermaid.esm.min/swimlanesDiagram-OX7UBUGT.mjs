import{a as r,b as o}from"./chunk-LUNKGL7L.mjs";import"./chunk-AZZRMDJM.mjs";import"./chunk-VE5CLXGZ.mjs";import"./chunk-4S3VB3X6.mjs";import"./chunk-7FYTHRHK.mjs";import"./chunk-QU2NO3GS.mjs";import"./chunk-HCQLZPVX.mjs";import"./chunk-6C3L5S6U.mjs";import"./chunk-KTKOSTGQ.mjs";import"./chunk-5IMINLNL.mjs";import"./chunk-SXFNDEX5.mjs";import"./chunk-5VCL7Z4A.mjs";import"./chunk-STADKHD7.mjs";import"./chunk-SZQNAPRP.mjs";import"./chunk-MXWVPPQS.mjs";import"./chunk-ENMKPL7Y.mjs";import"./chunk-STOV2HOB.mjs";import"./chunk-KEUXMURM.mjs";import"./chunk-LIEV3EAG.mjs";import{a as e}from"./chunk-AQ6EADP3.mjs";var s=e(t=>`${r(t)}
  .swimlane.cluster rect {
    stroke: ${t.clusterBorder} !important;
  }
  [data-look="neo"].cluster rect {
    filter: none;
  }
`,"getStyles"),l=s;var p=o({defaultLayout:"swimlane",styles:l});export{p as diagram};
