package searchtest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"handbook/generator/search"
)

// vocabulary is the phrase stock of the synthetic corpus: clauses of the
// real handbook cut at punctuation, so bigram statistics resemble it.
var vocabulary = strings.FieldsFunc(`对市场部拓展区域内的企业、事业、部委等客户进行拓展推广服务;组织完成本部门各项目标,并确保时效性;
组织对具有需求量大、持续购买周期长特征的政府采购用户、企业用户进行公共关系维护;协助市场部各项目经理,进行大客户商户洽谈;
制定每月、季度、年度拓展计划,进行目标分解,并执行实施;大客户人员每周、每月、季度任务制定与监督;外拓工作计划的制定、执行与监督;
建立客户资料档案、收集大客户信息;合理进行大客户部的预算控制;研究掌握大客户员的需求,充分调动积极性;统计月度、年度的业绩,并进行汇总及分析;
负责部门工作计划、目标的制定、检查、以及部门员工的考评工作;对大客户机构设置、人员结构合理性负责;签订政府采购合同、大用户单位购车合同;
拟定年度大客户销售计划,分解目标,报批并督导实施;关注所管辖人员心态变化,及时沟通处理;组织建立完整的客户档案,确保大客户人员离职后客户不丢失。
负责搜集政府采购信息,制作投标文件,参与投标过程;负责向已合作的大客户进行后期维护。负责制作大客户月报进行绩效分析,提报上级领导。
不断提高员工的职业能力,改进工作绩效;绩效管理是实现部门目标及公司发展战略的基础管理保障;管理者与下属持续的沟通是达成绩效管理效果的必要途径。
得分在95分以上的员工,表现突出,当月绩效工资按105%发放。当月绩效工资按100%发放。当月绩效工资按相应分数比例发放。
三个月排名倒数第一人员,公司将进行末位淘汰。当月部门业绩目标超额完成,额外发放绩效工资5%的奖金;当月部门业绩目标未完成,额外扣除当月绩效工资5%的提成。
公司各项管理制度及客户信息档案属于公司的保密事项。大客户部全体员工对于公司各项管理制度及客户信息档案负有对外保密义务。
大客户经理负责重点客户的维护。客户经理与项目经理协同工作。2025.1 起执行。`, func(r rune) bool {
	return r == ';' || r == '。' || r == '\n'
})

// Synthetic returns a deterministic corpus of pages × clauses docs made of
// the handbook's phrases, for benchmarks. Pages are /p/<n>/, with chapter
// titles, headings and texts of 60–400 characters.
func Synthetic(seed uint64, pages, clausesPerPage int) []search.Doc {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func() string { return strings.TrimSpace(vocabulary[rng.IntN(len(vocabulary))]) }
	docs := make([]search.Doc, 0, pages*clausesPerPage)
	for p := range pages {
		url := fmt.Sprintf("/p/%d/", p)
		chapter := fmt.Sprintf("第%d章 %s", p+1, clip(pick(), 12))
		for c := range clausesPerPage {
			heading := fmt.Sprintf("%d、%s", c+1, clip(pick(), 10))
			var b strings.Builder
			for n := 60 + rng.IntN(340); b.Len() < 3*n; {
				b.WriteString(pick())
				b.WriteString("。")
			}
			docs = append(docs, search.Doc{URL: url, Chapter: chapter, Heading: heading, Anchor: fmt.Sprintf("s%d", c), Level: 2, Text: b.String()})
		}
	}
	return docs
}

func clip(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}
